package uk.nhs.incidents.common.logging;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Lets one warning through per key and period, counting the rest: a caller that repeats the same refused request
 * every few seconds (a scraper with a stale token) leaves one line a period, saying how many it stood for, rather
 * than filling the log. Keys come from callers, so at most {@code maxKeys} of them are kept (Caffeine chooses which
 * to forget), and a forgotten key's next warning goes through.
 */
public final class RepeatedWarnings {

    private final Clock clock;
    private final Duration period;
    private final Cache<String, Window> windows;

    private record Window(Instant opened, long held) {
    }

    public RepeatedWarnings(Clock clock, Duration period, int maxKeys) {
        this.clock = clock;
        this.period = period;
        this.windows = Caffeine.newBuilder().maximumSize(maxKeys).executor(Runnable::run).build();
    }

    /**
     * Whether to log this key's warning now: with how many of its warnings were held back since the last one
     * logged, or empty when this one is held back too.
     */
    public OptionalLong admit(String key) {
        Instant now = clock.instant();
        long[] logged = {-1};
        windows.asMap().compute(key, (k, window) -> {
            if (window != null && now.isBefore(window.opened().plus(period))) {
                return new Window(window.opened(), window.held() + 1);
            }
            logged[0] = window == null ? 0 : window.held();
            return new Window(now, 0);
        });
        return logged[0] < 0 ? OptionalLong.empty() : OptionalLong.of(logged[0]);
    }

    /** How many keys are kept, once pending evictions are done. */
    long keys() {
        windows.cleanUp();
        return windows.estimatedSize();
    }
}

package uk.nhs.incidents.common.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets one warning through per key and period, counting the rest: a caller that repeats the same refused request
 * every few seconds (a scraper with a stale token) leaves one line a period, saying how many it stood for, rather
 * than filling the log. Keys come from callers, so there are at most {@code maxKeys} of them; beyond that the
 * oldest are forgotten, and a forgotten key's next warning goes through.
 */
public final class RepeatedWarnings {

    private final Clock clock;
    private final Duration period;
    private final int maxKeys;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(Instant opened, long held) {
    }

    public RepeatedWarnings(Clock clock, Duration period, int maxKeys) {
        this.clock = clock;
        this.period = period;
        this.maxKeys = maxKeys;
    }

    /**
     * Whether to log this key's warning now: with how many of its warnings were held back since the last one
     * logged, or empty when this one is held back too.
     */
    public OptionalLong admit(String key) {
        Instant now = clock.instant();
        if (!windows.containsKey(key) && windows.size() >= maxKeys) {
            forgetOldest();
        }
        long[] logged = {-1};
        windows.compute(key, (k, window) -> {
            if (window != null && now.isBefore(window.opened().plus(period))) {
                return new Window(window.opened(), window.held() + 1);
            }
            logged[0] = window == null ? 0 : window.held();
            return new Window(now, 0);
        });
        return logged[0] < 0 ? OptionalLong.empty() : OptionalLong.of(logged[0]);
    }

    private void forgetOldest() {
        windows.entrySet().stream().min(Map.Entry.comparingByValue((a, b) -> a.opened().compareTo(b.opened())))
                .ifPresent(oldest -> windows.remove(oldest.getKey(), oldest.getValue()));
    }
}

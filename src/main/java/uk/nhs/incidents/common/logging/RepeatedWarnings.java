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
        Window before = windows.get(key);
        if (before != null && now.isBefore(before.opened().plus(period))) {
            windows.computeIfPresent(key, (k, w) -> new Window(w.opened(), w.held() + 1));
            return OptionalLong.empty();
        }
        if (before == null && windows.size() >= maxKeys) {
            forgetOldest();
        }
        Window previous = windows.put(key, new Window(now, 0));
        return OptionalLong.of(previous == null ? 0 : previous.held());
    }

    private void forgetOldest() {
        windows.entrySet().stream().min(Map.Entry.comparingByValue((a, b) -> a.opened().compareTo(b.opened())))
                .ifPresent(oldest -> windows.remove(oldest.getKey(), oldest.getValue()));
    }
}

package uk.nhs.incidents.notification.service;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** Exponential backoff with full jitter: after the n-th failure, a random wait up to initial x 2^(n-1), capped. */
public final class Backoff {

    private Backoff() {
    }

    public static Duration after(int failures, Duration initial, Duration max, DoubleSupplier random) {
        long ceiling = initial.toMillis() << Math.min(Math.max(failures - 1, 0), 30);
        long capped = Math.min(Math.max(ceiling, 0), max.toMillis());
        // Half fixed, half random: retries spread out but never come back at once.
        return Duration.ofMillis(capped / 2 + (long) (random.getAsDouble() * (capped / 2)));
    }
}

package uk.nhs.incidents.webhook.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import uk.nhs.incidents.common.text.AsciiNumbers;
import uk.nhs.incidents.notification.service.Backoff;

/**
 * What a receiver's answer means for its delivery. A 2xx delivers it. A 408, a 429 or a 5xx, like a timeout or a
 * connection that fails, may be cured by waiting: the delivery is tried again, after exponential backoff with jitter
 * or the receiver's {@code Retry-After} within our own bounds. Any other answer (a 3xx, as redirects are not
 * followed; any other 4xx) says the request itself is wrong for the receiver, and is failed at once.
 */
public final class RetryRules {

    /** What to do after an attempt. */
    public enum Verdict {
        DELIVERED,
        RETRY,
        FAILED
    }

    private RetryRules() {
    }

    public static Verdict of(int status) {
        if (status >= 200 && status < 300) {
            return Verdict.DELIVERED;
        }
        // A status beyond 599 is no HTTP answer at all (a receiver's own code): not a server error to wait out.
        return status == 408 || status == 429 || status >= 500 && status < 600 ? Verdict.RETRY : Verdict.FAILED;
    }

    /** A {@code Retry-After} value, seconds or an HTTP date, as a wait from {@code now}; nothing when unreadable. */
    public static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (AsciiNumbers.isDigits(value)) {
            return value.length() > 9 ? Optional.of(Duration.ofSeconds(999_999_999)) // longer than any bound
                    : Optional.of(Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The wait before the next attempt after the n-th failure: the receiver's {@code Retry-After} when it gave one,
     * held between our initial and maximum backoff (never sooner, so a receiver cannot make us hammer it, never later
     * than we would wait anyway); otherwise exponential backoff with jitter.
     */
    public static Duration nextWait(int failures, Optional<Duration> retryAfter, Duration initial, Duration max,
            DoubleSupplier random) {
        return retryAfter.map(wait -> wait.compareTo(initial) < 0 ? initial : wait.compareTo(max) > 0 ? max : wait)
                .orElseGet(() -> Backoff.after(failures, initial, max, random));
    }
}

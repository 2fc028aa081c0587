package uk.nhs.incidents.common.problem;

import java.time.Duration;
import java.util.Map;

/** A limit on concurrent work was reached; the caller may try again after the time given. */
public class TooManyRequestsException extends DomainException {

    private final Duration wait;

    public TooManyRequestsException(String detail, Duration retryAfter) {
        super(429, "too-many-requests", "Too many requests", detail);
        this.wait = retryAfter;
    }

    @Override
    public Map<String, String> headers() {
        return retryAfter(wait);
    }
}

package uk.nhs.incidents.common.problem;

import java.time.Duration;
import java.util.Map;

/** The service cannot do this just now, for a passing reason of its own; the caller may try again after the time given. */
public class UnavailableException extends DomainException {

    private final Duration wait;

    public UnavailableException(String type, String title, String detail, Duration retryAfter) {
        super(503, type, title, detail);
        this.wait = retryAfter;
    }

    @Override
    public Map<String, String> headers() {
        return retryAfter(wait);
    }
}

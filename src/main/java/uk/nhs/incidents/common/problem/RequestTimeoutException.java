package uk.nhs.incidents.common.problem;

/** The client stopped sending in the middle of its request for longer than the service waits. */
public class RequestTimeoutException extends DomainException {

    public RequestTimeoutException(String detail) {
        super(408, "request-timeout", "Request timeout", detail);
    }

    /** The connection is not reused: the rest of the body, if it ever comes, would be read as a new request. */
    @Override
    public java.util.Map<String, String> headers() {
        return java.util.Map.of("Connection", "close");
    }
}

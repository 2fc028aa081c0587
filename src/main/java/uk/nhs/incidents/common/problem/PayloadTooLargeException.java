package uk.nhs.incidents.common.problem;

public class PayloadTooLargeException extends DomainException {

    public PayloadTooLargeException(String detail) {
        super(413, "payload-too-large", "Content too large", detail);
    }
}

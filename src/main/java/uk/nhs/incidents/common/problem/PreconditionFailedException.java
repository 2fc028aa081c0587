package uk.nhs.incidents.common.problem;

/** The caller's {@code If-Match} names a version that is no longer current. */
public class PreconditionFailedException extends DomainException {

    public PreconditionFailedException(String detail) {
        super(412, "stale", "Precondition failed", detail);
    }
}

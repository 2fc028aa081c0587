package uk.nhs.incidents.common.problem;

/** A change was sent without {@code If-Match}, so it could overwrite a change the caller has not seen. */
public class PreconditionRequiredException extends DomainException {

    public PreconditionRequiredException() {
        super(428, "precondition-required", "Precondition required",
                "Send If-Match with the ETag of the incident as you last read it.");
    }
}

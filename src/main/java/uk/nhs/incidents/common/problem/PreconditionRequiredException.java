package uk.nhs.incidents.common.problem;

/** A change was sent without {@code If-Match}, so it could overwrite a change the caller has not seen. */
public class PreconditionRequiredException extends DomainException {

    /** {@code what}: the resource changed, as the problem names it ("incident", "organisation"). */
    public PreconditionRequiredException(String what) {
        super(428, "precondition-required", "Precondition required",
                "Send If-Match with the ETag of the " + what + " as you last read it.");
    }
}

package uk.nhs.incidents.common.problem;

/** A body that a feature reads as JSON itself, and that is not JSON text: the same 400 as any body Jackson refuses. */
public class MalformedJsonException extends DomainException {

    public MalformedJsonException(String detail) {
        super(400, "malformed-json", "Malformed JSON", detail);
    }
}

package uk.nhs.incidents.common.problem;

/** A body that a feature reads as JSON itself, and that is not JSON text: the same 400 as any body Jackson refuses. */
public class MalformedJsonException extends DomainException {

    static final String TYPE = "malformed-json";
    static final String TITLE = "Malformed JSON";

    public MalformedJsonException(String detail) {
        super(400, TYPE, TITLE, detail);
    }
}

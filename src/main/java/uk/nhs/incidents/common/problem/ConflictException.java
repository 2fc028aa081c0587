package uk.nhs.incidents.common.problem;

/** The request is valid but clashes with the current state (a duplicate, a forbidden transition). */
public class ConflictException extends DomainException {

    public ConflictException(String type, String title, String detail) {
        super(409, type, title, detail);
    }
}

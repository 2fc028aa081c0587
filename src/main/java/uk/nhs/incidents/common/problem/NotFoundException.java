package uk.nhs.incidents.common.problem;

/** The thing does not exist, or the caller may not know that it does. */
public class NotFoundException extends DomainException {

    public NotFoundException(String detail) {
        super(404, "not-found", "Not found", detail);
    }
}

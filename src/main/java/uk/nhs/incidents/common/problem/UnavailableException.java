package uk.nhs.incidents.common.problem;

/** The request is sound but the service cannot answer it now, e.g. the database cancelled it for taking too long. */
public class UnavailableException extends DomainException {

    public UnavailableException(String type, String title, String detail) {
        super(503, type, title, detail);
    }
}

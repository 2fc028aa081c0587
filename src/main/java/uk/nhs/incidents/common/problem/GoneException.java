package uk.nhs.incidents.common.problem;

public class GoneException extends DomainException {

    public GoneException(String detail) {
        super(410, "gone", "Gone", detail);
    }
}

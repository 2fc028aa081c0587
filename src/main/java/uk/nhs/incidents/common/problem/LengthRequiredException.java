package uk.nhs.incidents.common.problem;

public class LengthRequiredException extends DomainException {

    public LengthRequiredException(String detail) {
        super(411, "length-required", "Length required", detail);
    }
}

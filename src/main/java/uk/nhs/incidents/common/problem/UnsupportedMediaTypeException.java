package uk.nhs.incidents.common.problem;

public class UnsupportedMediaTypeException extends DomainException {

    public UnsupportedMediaTypeException(String detail) {
        super(415, "unsupported-media-type", "Unsupported media type", detail);
    }
}

package uk.nhs.incidents.common.problem;

import java.util.Map;

public class RangeNotSatisfiableException extends DomainException {

    private final long size;

    public RangeNotSatisfiableException(String detail, long size) {
        super(416, "range-not-satisfiable", "Range not satisfiable", detail);
        this.size = size;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Content-Range", "bytes */" + size);
    }
}

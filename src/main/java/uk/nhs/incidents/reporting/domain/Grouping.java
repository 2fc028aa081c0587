package uk.nhs.incidents.reporting.domain;

import java.util.Optional;

/** A dimension a report groups by, named in {@code groupBy} by its parameter value. */
public enum Grouping {
    SUPPLIER("supplier"),
    ICB("icb"),
    SEVERITY("severity"),
    MONTH("month"),
    /** Resolutions by their code; what is not a resolution falls in the group without one. */
    RESOLUTION_CODE("resolutionCode");

    private final String parameterValue;

    Grouping(String parameterValue) {
        this.parameterValue = parameterValue;
    }

    public String parameterValue() {
        return parameterValue;
    }

    /** The grouping named, whatever the case of its letters. */
    public static Optional<Grouping> parse(String value) {
        for (Grouping grouping : values()) {
            if (grouping.parameterValue.equalsIgnoreCase(value.trim())) {
                return Optional.of(grouping);
            }
        }
        return Optional.empty();
    }
}

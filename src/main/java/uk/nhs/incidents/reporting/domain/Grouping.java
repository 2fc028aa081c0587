package uk.nhs.incidents.reporting.domain;

import java.util.Locale;
import java.util.Optional;

/** A dimension a report groups by, named in {@code groupBy} as written here in lower case. */
public enum Grouping {
    SUPPLIER,
    ICB,
    SEVERITY,
    MONTH;

    public String parameterValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Grouping> parse(String value) {
        for (Grouping grouping : values()) {
            if (grouping.parameterValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(grouping);
            }
        }
        return Optional.empty();
    }
}

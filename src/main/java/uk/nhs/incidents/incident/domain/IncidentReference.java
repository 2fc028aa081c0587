package uk.nhs.incidents.incident.domain;

import uk.nhs.incidents.vocabulary.Phase;

/** Human-readable references: {@code TST-2026-000042} and {@code INC-2026-000042}, one series per phase and year. */
public final class IncidentReference {

    private IncidentReference() {
    }

    /** Built by hand: every raise formats one, and {@code String.format} parses its pattern each time. */
    public static String format(Phase phase, int year, long number) {
        return prefix(phase, year) + padded(number, 6);
    }

    /** What every reference of the series starts with, {@code INC-2026-} for example. */
    public static String prefix(Phase phase, int year) {
        return phase.referencePrefix() + '-' + padded(year, 4) + '-';
    }

    private static String padded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}

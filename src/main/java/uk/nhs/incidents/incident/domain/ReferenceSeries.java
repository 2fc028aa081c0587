package uk.nhs.incidents.incident.domain;

import uk.nhs.incidents.vocabulary.Phase;

/**
 * The numberings of human-readable references, each started afresh every UK year: test incidents
 * ({@code TST-2026-000042}), live incidents ({@code INC-2026-000042}) and major incidents ({@code MAJ-2026-0042}).
 * Each knows the table whose references it numbers, so that a series whose sequence was lost carries on past them.
 */
public enum ReferenceSeries {
    TEST("TST", 6, "incident"),
    LIVE("INC", 6, "incident"),
    MAJOR("MAJ", 4, "major_incident");

    private final String code;
    private final int digits;
    private final String table;

    ReferenceSeries(String code, int digits, String table) {
        this.code = code;
        this.digits = digits;
        this.table = table;
    }

    /** Each phase has a series of its own, and is reported separately. */
    public static ReferenceSeries of(Phase phase) {
        return phase == Phase.TEST ? TEST : LIVE;
    }

    /** The three capital letters every reference of the series starts with. */
    public String code() {
        return code;
    }

    /** The table holding the references of the series, in a column {@code reference}. */
    public String table() {
        return table;
    }

    /** Built by hand: every raise formats one, and {@code String.format} parses its pattern each time. */
    public String format(int year, long number) {
        return prefix(year) + padded(number, digits);
    }

    /** What every reference of the series in {@code year} starts with, {@code INC-2026-} for example. */
    public String prefix(int year) {
        return code + '-' + padded(year, 4) + '-';
    }

    private static String padded(long value, int width) {
        String digits = Long.toString(value);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }
}

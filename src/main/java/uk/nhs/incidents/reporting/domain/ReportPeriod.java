package uk.nhs.incidents.reporting.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import uk.nhs.incidents.common.problem.InvalidInputException;

/**
 * The days a report covers, both inclusive, in the service's time zone: an event counts when it happened at or
 * after the start of {@code from} and before the end of {@code to}. By default the current month to date.
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone) {

    private static final int EARLIEST_YEAR = 2000;
    private static final int LATEST_YEAR = 9998;

    public static ReportPeriod of(Optional<LocalDate> from, Optional<LocalDate> to, LocalDate today, ZoneId zone) {
        LocalDate end = to.orElse(today);
        // The end first: a start left to default follows it, and must not be named for an end out of range.
        check("to", end);
        LocalDate start = from.orElse(end.withDayOfMonth(1));
        check("from", start);
        if (start.isAfter(end)) {
            throw new InvalidInputException("from", "must not be after to (" + end + ")");
        }
        return new ReportPeriod(start, end, zone);
    }

    private static void check(String name, LocalDate date) {
        if (date.getYear() < EARLIEST_YEAR || date.getYear() > LATEST_YEAR) {
            throw new InvalidInputException(name, "must be between the years " + EARLIEST_YEAR + " and " + LATEST_YEAR);
        }
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}

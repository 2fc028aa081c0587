package uk.nhs.incidents.reporting.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.Problem;

/**
 * The days a report covers, both inclusive, in the service's time zone: an event counts when it happened at or
 * after the start of {@code from} and before the end of {@code to}. By default the current month to date.
 */
public record ReportPeriod(LocalDate from, LocalDate to, ZoneId zone) {

    private static final int EARLIEST_YEAR = 2000;
    private static final int LATEST_YEAR = 9998;

    public static ReportPeriod of(Optional<LocalDate> from, Optional<LocalDate> to, LocalDate today, ZoneId zone) {
        LocalDate end = to.orElse(today);
        // Each date given that is out of range is named; a start left to default follows a valid end, and is never
        // named for an end out of range.
        List<Problem.Violation> violations = new ArrayList<>();
        from.filter(ReportPeriod::outOfRange).ifPresent(date -> violations.add(yearsRefused("from")));
        if (outOfRange(end)) {
            violations.add(yearsRefused("to"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        LocalDate start = from.orElse(end.withDayOfMonth(1));
        if (start.isAfter(end)) {
            throw new InvalidInputException("from", "must not be after to (" + end + ")");
        }
        return new ReportPeriod(start, end, zone);
    }

    private static boolean outOfRange(LocalDate date) {
        return date.getYear() < EARLIEST_YEAR || date.getYear() > LATEST_YEAR;
    }

    private static Problem.Violation yearsRefused(String name) {
        return new Problem.Violation(name, "must be between the years " + EARLIEST_YEAR + " and " + LATEST_YEAR);
    }

    public Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after the period. */
    public Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }
}

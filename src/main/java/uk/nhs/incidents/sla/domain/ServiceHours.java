package uk.nhs.incidents.sla.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import uk.nhs.incidents.common.time.Timestamps;

/**
 * Service hours: a daily window on working days, in a time zone, excluding bank holidays; by default 08:00 to
 * 18:00 Monday to Friday, Europe/London, England and Wales holidays. Windows are computed in local time, so a
 * clock change shortens or lengthens no working day.
 */
public final class ServiceHours implements Calendar {

    /** No real calendar goes a decade without a working day; past that the configuration is wrong. */
    private static final int MAX_DAYS_SEARCHED = 3660;

    /** Years either side of those the bank holidays list whose days' windows are kept once worked out. */
    private static final int YEARS_KEPT_AROUND = 10;

    /** The window of a day without service hours. */
    private static final Window CLOSED = new Window(null, null);

    private final ZoneId zone;
    private final LocalTime opens;
    private final LocalTime closes;
    private final Set<DayOfWeek> workingDays;
    private final BankHolidays holidays;
    private final long firstKeptDay;
    private final AtomicReferenceArray<Window> kept;

    /** A working day's service hours, as instants. */
    private record Window(Instant opens, Instant closes) {
    }

    public ServiceHours(ZoneId zone, LocalTime opens, LocalTime closes, Set<DayOfWeek> workingDays,
            BankHolidays holidays) {
        if (!opens.isBefore(closes) || workingDays.isEmpty()) {
            throw new IllegalArgumentException("service hours need a window that opens before it closes, on some days");
        }
        this.zone = zone;
        this.opens = opens;
        this.closes = closes;
        this.workingDays = EnumSet.copyOf(workingDays);
        this.holidays = holidays;
        this.firstKeptDay = LocalDate.of(holidays.firstYear() - YEARS_KEPT_AROUND, 1, 1).toEpochDay();
        this.kept = new AtomicReferenceArray<>((int) (LocalDate.of(holidays.lastYear() + YEARS_KEPT_AROUND + 1, 1, 1)
                .toEpochDay() - firstKeptDay));
    }

    public static ServiceHours englandAndWales(BankHolidays holidays) {
        return new ServiceHours(ZoneId.of("Europe/London"), LocalTime.of(8, 0), LocalTime.of(18, 0),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), holidays);
    }

    public boolean isWorkingDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.isHoliday(date);
    }

    @Override
    public Instant plus(Instant start, Duration amount) {
        Duration remaining = amount;
        Instant at = start;
        long day = start.atZone(zone).toLocalDate().toEpochDay();
        for (int searched = 0; searched < MAX_DAYS_SEARCHED; searched++, day++) {
            Window window = window(day);
            if (window == CLOSED) {
                continue;
            }
            Instant from = at.isAfter(window.opens()) ? at : window.opens();
            if (!from.isBefore(window.closes())) {
                continue;
            }
            Duration available = Duration.between(from, window.closes());
            if (remaining.compareTo(available) <= 0) {
                return remaining.isZero() ? start : from.plus(remaining);
            }
            remaining = remaining.minus(available);
            at = window.closes();
        }
        throw new IllegalStateException("no service hours within " + MAX_DAYS_SEARCHED + " days of " + start);
    }

    @Override
    public Duration between(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        if (!to.isAfter(from)) {
            return total;
        }
        long last = to.atZone(zone).toLocalDate().toEpochDay();
        for (long day = from.atZone(zone).toLocalDate().toEpochDay(); day <= last; day++) {
            Window window = window(day);
            if (window != CLOSED) {
                Instant start = Timestamps.latest(from, window.opens());
                Instant end = Timestamps.earliest(to, window.closes());
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /** The same local time {@code days} working days later; from a non-working day, counting starts at the next. */
    public Instant plusWorkingDays(Instant start, int days) {
        ZonedDateTime local = start.atZone(zone);
        LocalDate day = local.toLocalDate();
        for (int counted = 0; counted < days; ) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return ZonedDateTime.of(day, local.toLocalTime(), zone).toInstant();
    }

    /**
     * When {@code days} whole working days of service time have passed since {@code start}: counted from the next
     * opening when it starts outside service hours, then at that time of day. A wait begun on a Saturday morning is
     * not a working day old on the Friday (as {@link #plusWorkingDays} from its own time of day would have it), and
     * one begun in the evening counts from the next morning.
     */
    public Instant plusWorkingDaysOfService(Instant start, int days) {
        return plusWorkingDays(openAtOrAfter(start), days);
    }

    /** {@code at} itself while the service is open, else when it next opens. */
    private Instant openAtOrAfter(Instant at) {
        long day = at.atZone(zone).toLocalDate().toEpochDay();
        for (int searched = 0; searched < MAX_DAYS_SEARCHED; searched++, day++) {
            Window window = window(day);
            if (window != CLOSED && at.isBefore(window.closes())) {
                return Timestamps.latest(at, window.opens());
            }
        }
        throw new IllegalStateException("no service hours within " + MAX_DAYS_SEARCHED + " days of " + at);
    }

    public BankHolidays holidays() {
        return holidays;
    }

    /**
     * The window of the day {@code epochDay}, worked out once and kept for the years around the bank holidays:
     * converting a local time to an instant in the zone cost more than all the rest of counting, and a clock is
     * counted over every day since it started each time it is shown.
     */
    private Window window(long epochDay) {
        long index = epochDay - firstKeptDay;
        boolean keeps = index >= 0 && index < kept.length();
        Window window = keeps ? kept.get((int) index) : null;
        if (window == null) {
            LocalDate day = LocalDate.ofEpochDay(epochDay);
            window = isWorkingDay(day) ? new Window(instant(day, opens), instant(day, closes)) : CLOSED;
            if (keeps) {
                kept.set((int) index, window);
            }
        }
        return window;
    }

    private Instant instant(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }
}

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

/**
 * Service hours: a daily window on working days, in a time zone, excluding bank holidays; by default 08:00 to
 * 18:00 Monday to Friday, Europe/London, England and Wales holidays. Windows are computed in local time, so a
 * clock change shortens or lengthens no working day.
 */
public final class ServiceHours implements Calendar {

    /** No real calendar goes a decade without a working day; past that the configuration is wrong. */
    private static final int MAX_DAYS_SEARCHED = 3660;

    private final ZoneId zone;
    private final LocalTime opens;
    private final LocalTime closes;
    private final Set<DayOfWeek> workingDays;
    private final BankHolidays holidays;

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
        LocalDate day = start.atZone(zone).toLocalDate();
        for (int searched = 0; searched < MAX_DAYS_SEARCHED; searched++, day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            Instant windowOpens = instant(day, opens);
            Instant windowCloses = instant(day, closes);
            Instant from = at.isAfter(windowOpens) ? at : windowOpens;
            if (!from.isBefore(windowCloses)) {
                continue;
            }
            Duration available = Duration.between(from, windowCloses);
            if (remaining.compareTo(available) <= 0) {
                return remaining.isZero() ? start : from.plus(remaining);
            }
            remaining = remaining.minus(available);
            at = windowCloses;
        }
        throw new IllegalStateException("no service hours within " + MAX_DAYS_SEARCHED + " days of " + start);
    }

    @Override
    public Duration between(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        if (!to.isAfter(from)) {
            return total;
        }
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                Instant start = latest(from, instant(day, opens));
                Instant end = earliest(to, instant(day, closes));
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

    public BankHolidays holidays() {
        return holidays;
    }

    private Instant instant(LocalDate day, LocalTime time) {
        return ZonedDateTime.of(day, time, zone).toInstant();
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}

package uk.nhs.incidents.sla.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.health.HealthCheckResponse.Status;
import org.junit.jupiter.api.Test;
import uk.nhs.incidents.sla.data.BankHolidayFileRepository;

/** A calendar that has run out is reported, not silently used as if there were no more holidays. */
class CalendarsTest {

    private static Calendars on(String instant) {
        Calendars calendars = new Calendars(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC),
                new BankHolidayFileRepository(), null, null); // no file is taken up here: no clock to make due
        calendars.loadShipped();
        return calendars;
    }

    @Test
    void theShippedCalendarIsCurrentIn2026() {
        Calendars calendars = on("2026-11-21T12:00:00Z");
        assertThat(calendars.isExhausted()).isFalse();
        assertThat(calendars.endsWithinAYear()).isFalse();
    }

    @Test
    void itWarnsInItsLastYearAndIsExhaustedAfterIt() {
        assertThat(on("2028-03-01T12:00:00Z").endsWithinAYear()).isTrue();
        assertThat(on("2028-03-01T12:00:00Z").isExhausted()).isFalse();
        assertThat(on("2029-01-02T12:00:00Z").isExhausted()).isTrue();
    }

    @Test
    void aCalendarThatStartsAfterTodayDoesNotCoverToday() {
        assertThat(on("2018-06-01T12:00:00Z").coversToday()).isFalse();
        assertThat(on("2029-01-02T12:00:00Z").coversToday()).isFalse();
        assertThat(on("2026-11-21T12:00:00Z").coversToday()).isTrue();
    }

    @Test
    void healthIsDownWhenTheCalendarDoesNotCoverToday() {
        assertThat(new CalendarHealthCheck(on("2018-06-01T12:00:00Z")).call().getStatus()).isEqualTo(Status.DOWN);
        assertThat(new CalendarHealthCheck(on("2029-01-02T12:00:00Z")).call().getStatus()).isEqualTo(Status.DOWN);
        assertThat(new CalendarHealthCheck(on("2026-11-21T12:00:00Z")).call().getStatus()).isEqualTo(Status.UP);
    }
}

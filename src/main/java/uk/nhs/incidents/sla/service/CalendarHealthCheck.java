package uk.nhs.incidents.sla.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import io.smallrye.health.api.Wellness;

/**
 * Reports DOWN when the bank holiday calendar in use lists no holiday of today's year (it has run out, starts later,
 * or skips the year), so that monitoring sees it; a wellness check, since the service still works and must not be
 * taken out of rotation for it.
 */
@Wellness
@ApplicationScoped
public class CalendarHealthCheck implements HealthCheck {

    private final Calendars calendars;

    CalendarHealthCheck(Calendars calendars) {
        this.calendars = calendars;
    }

    @Override
    public HealthCheckResponse call() {
        var holidays = calendars.serviceHours().holidays();
        return HealthCheckResponse.named("bank-holiday-calendar")
                .status(calendars.coversToday())
                .withData("firstYear", holidays.firstYear())
                .withData("lastYear", holidays.lastYear())
                .withData("endsWithinAYear", calendars.endsWithinAYear())
                .withData("source", calendars.source().description())
                .build();
    }
}

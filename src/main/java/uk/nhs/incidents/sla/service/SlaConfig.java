package uk.nhs.incidents.sla.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import uk.nhs.incidents.common.jobs.JobInterval;
import uk.nhs.incidents.common.time.PositiveDuration;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy;

/** Service-level targets per severity (keys 1 to 5), and how the sweep runs. */
@ConfigMapping(prefix = "incidents.sla")
public interface SlaConfig {

    @WithName("severity")
    Map<String, Targets> severities();

    /** The calendar test-phase incidents count in, whatever their severity. */
    @WithDefault("SERVICE_HOURS")
    CalendarKind testPhaseCalendar();

    Sweep sweep();

    /**
     * Working days (service hours calendar) a resolution clock may wait for information before the resolver, the
     * accountable party and the organisation waited on are reminded, and again each further such period while it
     * still waits.
     */
    @WithName("waiting-reminder-after")
    @WithDefault("10")
    @Positive
    int waitingReminderAfter();

    /** How often each instance looks for a bank holiday file loaded on another. */
    @WithDefault("5m")
    @JobInterval
    String calendarRefreshEvery();

    /**
     * How many years either side of today the dates of a loaded bank holiday file may lie; a file with a date
     * outside is refused as a mistake.
     */
    @WithDefault("10")
    @Positive
    int calendarWindowYears();

    interface Targets {

        @PositiveDuration
        Duration triage();

        @PositiveDuration
        Duration resolution();

        CalendarKind calendar();
    }

    interface Sweep {

        @WithDefault("30s")
        @JobInterval
        String every();

        @WithDefault("500")
        @Positive
        int batchSize();

        /**
         * Batches swept at once on this instance, each in its own transaction on its own connection (no two take the
         * same clock or incident): while one batch waits on the database, another is worked out. A sweep with more
         * due than one batch, as after downtime, shares it out. Each loop holds a connection of the pool
         * ({@code quarkus.datasource.jdbc.max-size}) for its batch, taken from what requests can use meanwhile.
         */
        @WithDefault("2")
        @Positive
        int concurrency();
    }

    default ServiceLevelPolicy policy() {
        return new ServiceLevelPolicy(severities().entrySet().stream().collect(Collectors.toMap(
                e -> Integer.valueOf(e.getKey()),
                e -> new ServiceLevelPolicy.SeverityTargets(e.getValue().triage(), e.getValue().resolution(),
                        e.getValue().calendar()))), testPhaseCalendar());
    }
}

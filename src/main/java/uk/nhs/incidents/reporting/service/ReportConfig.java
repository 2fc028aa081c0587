package uk.nhs.incidents.reporting.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.time.ZoneId;
import uk.nhs.incidents.common.time.PositiveDuration;
import uk.nhs.incidents.common.time.RegionZone;

/** How reports are computed. */
@ConfigMapping(prefix = "incidents.reports")
public interface ReportConfig {

    /** The zone in which report days and months begin and end. */
    @WithDefault("Europe/London")
    @RegionZone
    ZoneId zone();

    /**
     * Memory each report's sorts and percentiles may use before spilling to disk (PostgreSQL's {@code work_mem},
     * set for the report's transaction only).
     */
    @WithDefault("64")
    @Positive
    int workMemMegabytes();

    /** A report still running after this is cancelled by PostgreSQL, so one request cannot hold the database. */
    @WithDefault("30s")
    @PositiveDuration
    Duration statementTimeout();

    /**
     * Reports running at once, across every instance of the service: each may keep several of PostgreSQL's
     * processes busy for up to {@link #statementTimeout()}, so one more is answered 503 rather than queued.
     */
    @WithDefault("2")
    @Positive
    int concurrent();
}

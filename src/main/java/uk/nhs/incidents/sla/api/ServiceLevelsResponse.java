package uk.nhs.incidents.sla.api;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ClockKind;
import uk.nhs.incidents.sla.domain.ClockState;
import uk.nhs.incidents.sla.service.ClockView;

/** Both clocks of an incident; instants in UK local time with their offset, durations in ISO-8601. */
@Schema(name = "ServiceLevels")
public record ServiceLevelsResponse(Clock triage, Clock resolution) {

    private static final ZoneId UK = ZoneId.of("Europe/London");

    @Schema(name = "ServiceLevelClock")
    public record Clock(
            @Schema(description = "ISO-8601 duration of counted time", examples = "PT4H") String target,
            CalendarKind calendar,
            OffsetDateTime startedAt,
            @Schema(description = "When 75% of the target is reached; absent while paused short of it") OffsetDateTime warningAt,
            @Schema(description = "When the target is reached; absent while paused short of it") OffsetDateTime dueAt,
            OffsetDateTime stoppedAt,
            ClockState state,
            @Schema(description = "Counted time so far, ISO-8601") String elapsed,
            @Schema(description = "Time in the clock's calendar lost to pauses, ISO-8601") String paused,
            List<Pause> pauses) {

        static Clock of(ClockView v) {
            return new Clock(v.target().toString(), v.calendar(), uk(v.startedAt()), uk(v.warningAt()), uk(v.dueAt()),
                    uk(v.stoppedAt()), v.state(), v.elapsed().toString(), v.paused().toString(),
                    v.pauses().stream().map(p -> new Pause(p.kind(), p.waitingOn(), uk(p.from()), uk(p.to()))).toList());
        }
    }

    @Schema(name = "ServiceLevelPause", description = "An interval the clock did not count, and whom it waited on")
    public record Pause(String kind, String waitingOn, OffsetDateTime from, OffsetDateTime to) {
    }

    public static ServiceLevelsResponse of(Map<ClockKind, ClockView> clocks) {
        if (clocks == null || clocks.isEmpty()) {
            return null;
        }
        return new ServiceLevelsResponse(Clock.of(clocks.get(ClockKind.TRIAGE)), Clock.of(clocks.get(ClockKind.RESOLUTION)));
    }

    private static OffsetDateTime uk(java.time.Instant instant) {
        return instant == null ? null : instant.atZone(UK).toOffsetDateTime();
    }
}

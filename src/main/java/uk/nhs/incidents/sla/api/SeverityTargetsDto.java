package uk.nhs.incidents.sla.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.common.problem.Problem.Violation;
import uk.nhs.incidents.sla.domain.CalendarKind;
import uk.nhs.incidents.sla.domain.ServiceLevelPolicy.SeverityTargets;

@Schema(name = "SeverityTargets", description = "One severity's triage and resolution targets and the calendar its "
        + "live clocks count in")
public record SeverityTargetsDto(
        @NotNull @Min(1) @Max(5) Integer severity,
        @Schema(description = "ISO-8601 duration in whole minutes, from PT1M to P366D", examples = "PT4H")
        @NotNull @Size(max = 40) String triage,
        @Schema(description = "ISO-8601 duration in whole minutes, from PT1M to P366D; not shorter than the triage",
                examples = "PT40H")
        @NotNull @Size(max = 40) String resolution,
        @NotNull CalendarKind calendar) {

    /**
     * ISO-8601's form of a duration in days, hours, minutes and seconds: upper-case designators, no signs.
     * {@link Duration#parse} also reads {@code pt5m} and {@code PT1H-59M} (one minute), which no one writes meaning it.
     */
    private static final Pattern ISO_DURATION = Pattern.compile(
            "P(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d+)?S)?)?");

    static SeverityTargetsDto of(int severity, SeverityTargets targets) {
        return new SeverityTargetsDto(severity, targets.triage().toString(), targets.resolution().toString(),
                targets.calendar());
    }

    /** The targets, or, where a duration cannot be read, the violations naming it ({@code field} names this entry). */
    SeverityTargets toTargets(String field, List<Violation> violations) {
        List<Violation> unread = new ArrayList<>();
        Duration triageTarget = duration(field + ".triage", triage, unread);
        Duration resolutionTarget = duration(field + ".resolution", resolution, unread);
        violations.addAll(unread);
        return unread.isEmpty() ? new SeverityTargets(triageTarget, resolutionTarget, calendar) : null;
    }

    private static Duration duration(String field, String text, List<Violation> violations) {
        try {
            if (ISO_DURATION.matcher(text).matches()) {
                return Duration.parse(text);
            }
        } catch (DateTimeParseException e) {
            // The form without a figure ("P", "PT"): refused below as any other.
        }
        violations.add(new Violation(field, "must be an ISO-8601 duration, such as PT30M or PT40H"));
        return null;
    }
}

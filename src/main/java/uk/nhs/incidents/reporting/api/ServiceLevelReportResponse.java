package uk.nhs.incidents.reporting.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import uk.nhs.incidents.reporting.domain.Figures;
import uk.nhs.incidents.reporting.domain.GroupKey;
import uk.nhs.incidents.reporting.domain.Grouping;
import uk.nhs.incidents.reporting.domain.Outcomes;
import uk.nhs.incidents.reporting.domain.ReportFilter;
import uk.nhs.incidents.reporting.service.ServiceLevelReport;

/** A service-level report: the period and filters it covers, one entry per group, and the total. */
public record ServiceLevelReportResponse(LocalDate from, LocalDate to, String timeZone, OffsetDateTime generatedAt,
        Filters filters, List<String> groupBy, List<Group> groups, FiguresResponse total) {

    /** The filters applied, defaults included; an empty list does not filter. */
    public record Filters(List<String> phase, List<String> supplier, List<String> icb, List<Long> deploymentId,
            List<Integer> severity, List<String> route, List<String> resolutionCode) {

        static Filters of(ReportFilter filter) {
            return new Filters(sortedNames(filter.phases()), List.copyOf(new TreeSet<>(filter.suppliers())),
                    List.copyOf(new TreeSet<>(filter.icbs())), List.copyOf(new TreeSet<>(filter.deployments())),
                    List.copyOf(new TreeSet<>(filter.severities())), sortedNames(filter.routes()),
                    List.copyOf(new TreeSet<>(filter.resolutionCodes())));
        }

        private static List<String> sortedNames(java.util.Set<? extends Enum<?>> values) {
            return values.stream().map(Enum::name).sorted().toList();
        }
    }

    /** One group: the values it is grouped by (the others absent) and its figures. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(Party supplier, Party icb, Integer severity,
            @Schema(description = "Year and month, e.g. 2026-04") String month,
            @Schema(description = "The resolutions' code, UNSPECIFIED for those recorded before codes; absent for the "
                    + "group of what is not a resolution (raised, triaged, open)") String resolutionCode,
            FiguresResponse figures) {
    }

    public record Party(String odsCode, String name) {
    }

    @Schema(description = "How each figure is computed: README, Service-level reports")
    public record FiguresResponse(long raised, long resolved, ClockOutcomes triage, ClockOutcomes resolution,
            long reopened, Paused paused, long open, long atRisk, long openBreached) {

        static FiguresResponse of(Figures figures) {
            return new FiguresResponse(figures.raised(), figures.resolution().count(), ClockOutcomes.of(figures.triage()),
                    ClockOutcomes.of(figures.resolution()), figures.reopened(),
                    new Paused(figures.pausedSeconds(), figures.pausedOn()), figures.open(), figures.atRisk(),
                    figures.openBreached());
        }
    }

    /** Clocks of one kind that stopped in the period; times in seconds of each clock's own calendar. */
    public record ClockOutcomes(long met, long breached, Double metPercent, Long medianSeconds, Long p90Seconds) {

        static ClockOutcomes of(Outcomes outcomes) {
            return new ClockOutcomes(outcomes.met(), outcomes.breached(), outcomes.metPercent(),
                    outcomes.medianSeconds(), outcomes.p90Seconds());
        }
    }

    /** Paused time of the counted resolutions, in total and by the organisation type waited on. */
    public record Paused(long totalSeconds, Map<String, Long> byParty) {
    }

    static ServiceLevelReportResponse of(ServiceLevelReport report) {
        List<Group> groups = report.groups().entrySet().stream()
                .map(e -> group(e.getKey(), e.getValue(), report.names())).toList();
        return new ServiceLevelReportResponse(report.period().from(), report.period().to(),
                report.period().zone().getId(), report.generatedAt().atZone(report.period().zone()).toOffsetDateTime(),
                Filters.of(report.filter()), report.groupBy().stream().map(Grouping::parameterValue).toList(), groups,
                FiguresResponse.of(report.total()));
    }

    private static Group group(GroupKey key, Figures figures, Map<String, String> names) {
        return new Group(party(key.supplier(), names), party(key.icb(), names), key.severity(),
                key.month() == null ? null : key.month().toString(), key.resolutionCode(), FiguresResponse.of(figures));
    }

    private static Party party(String code, Map<String, String> names) {
        return code == null ? null : new Party(code, names.get(code));
    }
}

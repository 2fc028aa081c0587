package uk.nhs.incidents.reporting.api;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;
import uk.nhs.incidents.common.openapi.QueryItems;
import uk.nhs.incidents.common.paging.QueryValues;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.vocabulary.ResolutionCode;
import uk.nhs.incidents.party.domain.ProcurementRoute;
import uk.nhs.incidents.reporting.domain.Grouping;
import uk.nhs.incidents.reporting.domain.ReportFilter;

/**
 * The report's query parameters, read as text so that a bad value is a 400 that names it. Each filter takes
 * several values, repeated or separated by commas, and matches any of them.
 */
public class ReportParameters {

    private static final int MAX_VALUES = 100;

    /** What {@code groupBy} takes: a {@link Grouping} as {@link Grouping#parameterValue()} writes it. */
    @Schema(name = "ReportGrouping", type = SchemaType.STRING, enumeration = {"supplier", "icb", "severity", "month",
            "resolutionCode"})
    static final class GroupByValue {

        private GroupByValue() {
        }
    }

    /** What {@code resolutionCode} takes: a {@link ResolutionCode}, or {@link ResolutionCode#UNSPECIFIED}. */
    @Schema(name = "ReportResolutionCode", type = SchemaType.STRING, enumeration = {"FIXED", "WORKAROUND",
            "CONFIGURATION", "THIRD_PARTY", "NO_FAULT_FOUND", "USER_ERROR", "DUPLICATE", ResolutionCode.UNSPECIFIED})
    static final class ResolutionCodeValue {

        private ResolutionCodeValue() {
        }
    }

    @RestQuery
    @Parameter(description = "First day of the period (inclusive), e.g. 2026-04-01; by default the first day of to's "
            + "month", schema = @Schema(type = SchemaType.STRING, format = "date"))
    String from;

    @RestQuery
    @Parameter(description = "Last day of the period (inclusive), e.g. 2026-06-30; by default today",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    String to;

    @RestQuery
    @Parameter(description = "LIVE, TEST or both; LIVE by default",
            schema = @Schema(type = SchemaType.ARRAY, implementation = Phase.class, maxItems = MAX_VALUES))
    List<String> phase;

    @RestQuery
    @Parameter(description = "Suppliers' ODS codes",
            schema = @Schema(type = SchemaType.ARRAY, implementation = QueryItems.OdsCode.class, maxItems = MAX_VALUES))
    List<String> supplier;

    @RestQuery
    @Parameter(description = "ICBs' ODS codes",
            schema = @Schema(type = SchemaType.ARRAY, implementation = QueryItems.OdsCode.class, maxItems = MAX_VALUES))
    List<String> icb;

    @RestQuery
    @Parameter(description = "Deployment ids",
            schema = @Schema(type = SchemaType.ARRAY, implementation = Long.class, maxItems = MAX_VALUES))
    List<String> deploymentId;

    @RestQuery
    @Parameter(description = "Severities, as recorded when each counted event happened",
            schema = @Schema(type = SchemaType.ARRAY, implementation = QueryItems.Severity.class,
                    maxItems = MAX_VALUES))
    List<String> severity;

    @RestQuery
    @Parameter(description = "Procurement routes",
            schema = @Schema(type = SchemaType.ARRAY, implementation = ProcurementRoute.class, maxItems = MAX_VALUES))
    List<String> route;

    @RestQuery
    @Parameter(description = "Resolution codes, or UNSPECIFIED for resolutions recorded before codes. Counts only the "
            + "resolutions with these codes: nothing raised, triaged or open",
            schema = @Schema(type = SchemaType.ARRAY, implementation = ResolutionCodeValue.class, maxItems = MAX_VALUES))
    List<String> resolutionCode;

    @RestQuery
    @Parameter(description = "Dimensions to group by, in order (resolutionCode groups the resolutions; what is not "
            + "a resolution is in the group without a code); none gives the total only",
            schema = @Schema(type = SchemaType.ARRAY, implementation = GroupByValue.class, maxItems = MAX_VALUES))
    List<String> groupBy;

    Optional<LocalDate> fromDate() {
        return QueryValues.date("from", from);
    }

    Optional<LocalDate> toDate() {
        return QueryValues.date("to", to);
    }

    ReportFilter filter() {
        return new ReportFilter(
                parsed("phase", phase, v -> QueryValues.enumValue("phase", v, Phase.class).orElseThrow()),
                parsed("supplier", supplier, v -> QueryValues.odsCode("supplier", v).orElseThrow()),
                parsed("icb", icb, v -> QueryValues.odsCode("icb", v).orElseThrow()),
                parsed("deploymentId", deploymentId, v -> QueryValues.id("deploymentId", v).orElseThrow()),
                parsed("severity", severity, v -> QueryValues.integer("severity", v, 1, 5).orElseThrow()),
                parsed("route", route, v -> QueryValues.enumValue("route", v, ProcurementRoute.class).orElseThrow()),
                parsed("resolutionCode", resolutionCode, ReportParameters::resolutionCode));
    }

    List<Grouping> groupings() {
        Set<Grouping> groupings = parsed("groupBy", groupBy, v -> Grouping.parse(v).orElseThrow(
                () -> new InvalidInputException("groupBy",
                        "must be among supplier, icb, severity, month and resolutionCode")));
        return List.copyOf(groupings);
    }

    private static String resolutionCode(String value) {
        if (value.equals(ResolutionCode.UNSPECIFIED)) {
            return value;
        }
        return QueryValues.enumValue("resolutionCode", value, ResolutionCode.class).orElseThrow().name();
    }

    /** The parameter's values in the order given, duplicates dropped. */
    private static <T> Set<T> parsed(String name, List<String> values, Function<String, T> parse) {
        List<String> given = QueryValues.each(name, values);
        if (given.size() > MAX_VALUES) {
            throw new InvalidInputException(name, "takes at most " + MAX_VALUES + " values");
        }
        return given.stream().map(parse).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}

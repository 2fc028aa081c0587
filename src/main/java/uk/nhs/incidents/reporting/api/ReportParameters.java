package uk.nhs.incidents.reporting.api;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;
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

    @RestQuery
    @Parameter(description = "First day of the period (inclusive), e.g. 2026-04-01; by default the first day of to's month")
    String from;

    @RestQuery
    @Parameter(description = "Last day of the period (inclusive), e.g. 2026-06-30; by default today")
    String to;

    @RestQuery
    @Parameter(description = "LIVE, TEST or both; LIVE by default")
    List<String> phase;

    @RestQuery
    @Parameter(description = "Suppliers' ODS codes")
    List<String> supplier;

    @RestQuery
    @Parameter(description = "ICBs' ODS codes")
    List<String> icb;

    @RestQuery
    @Parameter(description = "Deployment ids")
    List<String> deploymentId;

    @RestQuery
    @Parameter(description = "Severities, 1 to 5, as recorded when each counted event happened")
    List<String> severity;

    @RestQuery
    @Parameter(description = "Procurement routes: COMMISSIONER, PRACTICE")
    List<String> route;

    @RestQuery
    @Parameter(description = "Resolution codes: FIXED, WORKAROUND, CONFIGURATION, THIRD_PARTY, NO_FAULT_FOUND, "
            + "USER_ERROR, DUPLICATE, or UNSPECIFIED for resolutions recorded before codes. Counts only the "
            + "resolutions with these codes: nothing raised, triaged or open")
    List<String> resolutionCode;

    @RestQuery
    @Parameter(description = "Dimensions to group by, in order: supplier, icb, severity, month, resolutionCode (which "
            + "groups the resolutions; what is not a resolution is in the group without a code); none gives the total"
            + " only")
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
        List<String> given = QueryValues.each(values);
        if (given.size() > 100) {
            throw new InvalidInputException(name, "takes at most 100 values");
        }
        return given.stream().map(parse).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}

package uk.nhs.incidents.incident.api;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.paging.QueryValues;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.incident.data.IncidentFilter;
import uk.nhs.incidents.incident.data.IncidentOrder;
import uk.nhs.incidents.vocabulary.IncidentStatus;
import uk.nhs.incidents.vocabulary.Phase;
import uk.nhs.incidents.sla.domain.ClockState;

/** The list's query parameters, read as text so that a bad value is a 400 that names it. */
public class IncidentListParameters {

    @RestQuery
    @Parameter(description = "NEW, TRIAGED, IN_PROGRESS, AWAITING_INFO, RESOLVED, CLOSED or CANCELLED")
    String status;

    @RestQuery
    @Parameter(description = "TEST or LIVE")
    String phase;

    @RestQuery
    @Parameter(description = "1 to 5")
    String severity;

    @RestQuery
    @Parameter(description = "Incidents about this deployment")
    String deploymentId;

    @RestQuery
    @Parameter(description = "Incidents on this supplier's deployments (ODS code)")
    String supplier;

    @RestQuery
    @Parameter(description = "The reporter's own reference")
    String externalReference;

    @RestQuery
    @Parameter(description = "The supplier's own reference (its ticket number)")
    String supplierReference;

    @RestQuery
    @Parameter(description = "Incidents changed at or after this instant (ISO-8601 with offset)")
    String updatedSince;

    @RestQuery
    @Parameter(description = "Incidents with a clock in this state: RUNNING, AT_RISK, PAUSED, MET, BREACHED or CANCELLED")
    String slaState;

    @RestQuery
    @Parameter(description = "true: only open incidents (NEW, TRIAGED, IN_PROGRESS or AWAITING_INFO); false: only the others")
    String open;

    @RestQuery
    @Parameter(description = "created (newest first, the default), or resolutionDue: a work queue of open incidents,"
            + " soonest resolution due first, then those whose resolution clock is paused short of its target")
    String sort;

    @RestQuery
    @Parameter(description = "Page size, 1 to 200; 50 by default")
    String limit;

    @RestQuery
    @Parameter(description = "The nextCursor of the previous page")
    String cursor;

    IncidentFilter filter() {
        return new IncidentFilter(
                QueryValues.enumValue("status", status, IncidentStatus.class),
                QueryValues.bool("open", open),
                QueryValues.enumValue("phase", phase, Phase.class),
                QueryValues.integer("severity", severity, 1, 5),
                QueryValues.id("deploymentId", deploymentId),
                QueryValues.odsCode("supplier", supplier),
                QueryValues.text("externalReference", externalReference, ReferenceText.MAX_LENGTH),
                QueryValues.text("supplierReference", supplierReference, ReferenceText.MAX_LENGTH),
                QueryValues.timestamp("updatedSince", updatedSince).map(OffsetDateTime::toInstant),
                QueryValues.enumValue("slaState", slaState, ClockState.class));
    }

    IncidentOrder order() {
        return QueryValues.text("sort", sort, 20).map(value -> switch (value) {
            case "created" -> IncidentOrder.NEWEST;
            case "resolutionDue" -> IncidentOrder.RESOLUTION_DUE;
            default -> throw new InvalidInputException("sort", "must be created or resolutionDue");
        }).orElse(IncidentOrder.NEWEST);
    }

    PageRequest page() {
        return PageRequest.of(limit, cursor);
    }
}

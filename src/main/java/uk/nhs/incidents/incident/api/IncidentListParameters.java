package uk.nhs.incidents.incident.api;

import jakarta.ws.rs.BeanParam;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;
import uk.nhs.incidents.common.openapi.QueryItems;
import uk.nhs.incidents.common.paging.PageParameters;
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
    @Parameter(description = "Incidents in this status", schema = @Schema(implementation = IncidentStatus.class))
    String status;

    @RestQuery
    @Parameter(description = "Incidents in this phase", schema = @Schema(implementation = Phase.class))
    String phase;

    @RestQuery
    @Parameter(description = "Incidents of this severity", schema = @Schema(implementation = QueryItems.Severity.class))
    String severity;

    @RestQuery
    @Parameter(description = "Incidents about this deployment",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    String deploymentId;

    @RestQuery
    @Parameter(description = "Incidents on this supplier's deployments",
            schema = @Schema(implementation = QueryItems.OdsCode.class))
    String supplier;

    @RestQuery
    @Parameter(description = "The reporter's own reference, matched within the caller's scope: incidents "
            + "other organisations raised may carry the same one, each naming its reporter",
            schema = @Schema(type = SchemaType.STRING, maxLength = 100))
    String externalReference;

    @RestQuery
    @Parameter(description = "The supplier's own reference (its ticket number)",
            schema = @Schema(type = SchemaType.STRING, maxLength = 100))
    String supplierReference;

    @RestQuery
    @Parameter(description = "Incidents changed at or after this instant (ISO-8601 with offset): their own fields, "
            + "or anything in their history, comments, evidence, service-level events and major incident updates "
            + "included",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String updatedSince;

    @RestQuery
    @Parameter(description = "Incidents with a clock in this state",
            schema = @Schema(implementation = ClockState.class))
    String slaState;

    @RestQuery
    @Parameter(description = "true: only open incidents (NEW, TRIAGED, IN_PROGRESS or AWAITING_INFO); false: only "
            + "the others", schema = @Schema(type = SchemaType.BOOLEAN))
    String open;

    @RestQuery
    @Parameter(description = "created (newest first, the default), or resolutionDue: a work queue of open incidents,"
            + " soonest resolution due first, then those whose resolution clock is paused short of its target",
            schema = @Schema(type = SchemaType.STRING, enumeration = {"created", "resolutionDue"},
                    defaultValue = "created"))
    String sort;

    @BeanParam
    PageParameters page;

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
        return page.request();
    }
}

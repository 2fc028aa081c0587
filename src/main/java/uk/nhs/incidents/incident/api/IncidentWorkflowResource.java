package uk.nhs.incidents.incident.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.incident.service.IncidentChanges;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.Roles;

/** Changes to an incident; each needs {@code If-Match} with the ETag the caller last read. */
@Path("/api/v1/incidents/{id}")
@Tag(name = "Triage", description = "Lifecycle, reclassification and clinical safety review")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class IncidentWorkflowResource {

    private static final String IF_MATCH = "If-Match";

    private final IncidentChanges changes;
    private final CurrentCaller caller;
    private final IncidentResponses responses;

    IncidentWorkflowResource(IncidentChanges changes, CurrentCaller caller, IncidentResponses responses) {
        this.changes = changes;
        this.responses = responses;
        this.caller = caller;
    }

    @POST
    @Path("/transitions")
    @Operation(summary = "Change the incident's status",
            description = "409 when the lifecycle forbids the move (the detail lists the allowed ones), 403 when "
                    + "the move is not for the caller's part in the incident, 412 when If-Match is stale, 428 when missing.")
    public RestResponse<IncidentResponse> transition(@RestPath long id, @NotNull @Valid TransitionRequest request,
            @Parameter(description = "The ETag of the incident as last read") @RestHeader(IF_MATCH) String ifMatch) {
        return responses.withETag(changes.transition(id, request.toMove(), ifMatch, caller.get()), id);
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Reclassify: severity, phase or clinical safety flag, with a reason")
    public RestResponse<IncidentResponse> reclassify(@RestPath long id, @NotNull @Valid ReclassifyRequest request,
            @Parameter(description = "The ETag of the incident as last read") @RestHeader(IF_MATCH) String ifMatch) {
        return responses.withETag(changes.reclassify(id, request.toReclassification(), ifMatch, caller.get()), id);
    }

    @POST
    @Path("/fix")
    @RolesAllowed(Roles.SUPPLIER)
    @Operation(operationId = "recordIncidentFix", summary = "Record the fix that followed a workaround resolution",
            description = "By the supplier that resolves the incident, on an incident resolved (or closed) with a "
                    + "WORKAROUND: it stays as it is, and the fix is recorded and told. 409 when it was not resolved "
                    + "with a workaround, or its fix is already recorded.")
    @APIResponse(responseCode = "200", description = "The incident with its fix",
            headers = @Header(name = HttpHeaders.ETAG, description = "The incident's new version"),
            content = @Content(schema = @Schema(implementation = IncidentResponse.class)))
    public RestResponse<IncidentResponse> recordFix(@RestPath long id, @NotNull @Valid FixRequest request,
            @Parameter(description = "The ETag of the incident as last read") @RestHeader(IF_MATCH) String ifMatch) {
        return responses.withETag(changes.recordFix(id, request.toFix(), ifMatch, caller.get()), id);
    }

    @POST
    @Path("/clinical-review")
    @RolesAllowed(Roles.CLINICAL_SAFETY_OFFICER)
    @Operation(summary = "Record the Clinical Safety Officer's review of a safety incident")
    public RestResponse<IncidentResponse> clinicalReview(@RestPath long id,
            @NotNull @Valid ClinicalReviewRequest request,
            @Parameter(description = "The ETag of the incident as last read") @RestHeader(IF_MATCH) String ifMatch) {
        return responses.withETag(
                changes.recordClinicalReview(id, request.toClinicalReview(), ifMatch, caller.get()), id);
    }
}

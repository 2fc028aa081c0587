package uk.nhs.incidents.incident.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.incident.service.IncidentChanges;
import uk.nhs.incidents.routing.api.RoutingResource;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.OnIncidents;
import uk.nhs.incidents.security.Roles;

/** Changes to an incident; each needs {@code If-Match} with the ETag the caller last read. */
@Path("/api/v1/incidents/{id}")
@Tag(name = "Triage", description = "Lifecycle, reclassification, clinical safety review and the supplier's reference")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@OnIncidents
public class IncidentWorkflowResource {

    private static final String IF_MATCH = "If-Match";
    private static final String IF_MATCH_DESCRIPTION = "The ETag of the incident as last read; 412 when it is no "
            + "longer current, 428 when missing";
    private static final String MERGE_PATCH = "application/merge-patch+json";

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
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TransitionRequest.class), examples = {
                    @ExampleObject(name = "triage", summary = "The supplier triages a new incident",
                            value = IncidentExamples.TRIAGE),
                    @ExampleObject(name = "startWork", summary = "The supplier starts work, or goes back to it",
                            value = IncidentExamples.START_WORK),
                    @ExampleObject(name = "waitForInformation", summary = "The supplier waits on the provider",
                            value = IncidentExamples.WAIT_FOR_INFORMATION),
                    @ExampleObject(name = "resolve", summary = "The supplier resolves it",
                            value = IncidentExamples.RESOLVE),
                    @ExampleObject(name = "cancel", summary = "The reporter cancels it, with the reason",
                            value = IncidentExamples.CANCEL)}))
    @APIResponse(responseCode = "200", description = "The incident after the move",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG))
    @APIResponse(responseCode = "409", description = "The lifecycle forbids the move (the detail lists the moves "
            + "allowed to the caller), or a clinical safety incident would close or be cancelled before its review")
    @APIResponse(responseCode = "422", description = "waitingOn names an organisation that is not the reporter, the "
            + "provider or practice, or the accountable party; or duplicateOf names an incident that cannot be the "
            + "original (another organisation's: use a major incident)")
    @Operation(operationId = "transitionIncident", summary = "Change the incident's status",
            description = "Each move is for one part in the incident (the lifecycle in docs/domain.md): the supplier "
                    + "triages, works, waits for information and resolves; the reporter or the accountable party "
                    + "closes, reopens or cancels. 403 for a move that is not the caller's; a reason is required to "
                    + "cancel, to wait for information and to reopen.")
    public RestResponse<IncidentResponse> transition(@RestPath long id, @NotNull @Valid TransitionRequest request,
            @Parameter(required = true, description = IF_MATCH_DESCRIPTION) @RestHeader(IF_MATCH) String ifMatch) {
        return responses.withETag(changes.transition(id, request.toMove(), ifMatch, caller.get()), id);
    }

    @PATCH
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReclassifyRequest.class),
                    examples = {
                            @ExampleObject(name = "raiseSeverity", summary = "The supplier raises the severity",
                                    value = IncidentExamples.RAISE_SEVERITY),
                            @ExampleObject(name = "flagClinicalSafety", summary = "A party flags a safety concern",
                                    value = IncidentExamples.FLAG_CLINICAL_SAFETY),
                            @ExampleObject(name = "moveToLive", summary = "The reporter moves a test issue to live",
                                    value = IncidentExamples.MOVE_TO_LIVE)}),
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ReclassifyRequest.class))})
    @APIResponse(responseCode = "200", description = "The incident as reclassified",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG))
    @APIResponse(responseCode = "409", description = "The incident is closed or cancelled")
    @APIResponse(responseCode = "422", description = RoutingResource.UNROUTABLE)
    @Operation(operationId = "reclassifyIncident",
            summary = "Reclassify: severity, phase or clinical safety flag, with a reason",
            description = "The supplier changes the severity; the reporter, the accountable party, the supplier or an "
                    + "admin the phase; the supplier, the reporter or the accountable party raise the clinical safety "
                    + "flag, and only a Clinical Safety Officer clears it (403 otherwise).")
    public RestResponse<IncidentResponse> reclassify(@RestPath long id, @NotNull @Valid ReclassifyRequest request,
            @Parameter(required = true, description = IF_MATCH_DESCRIPTION) @RestHeader(IF_MATCH) String ifMatch) {
        return responses.withETag(changes.reclassify(id, request.toReclassification(), ifMatch, caller.get()), id);
    }

    @PUT
    @Path("/supplier-reference")
    @Operation(operationId = "setSupplierReference",
            summary = "Set, change or clear the supplier's own reference (its ticket number) for the incident",
            description = "For the supplier that resolves the incident, whatever its state; 403 for anyone else in "
                    + "scope. 409 when another incident of the same supplier holds the reference, 412 when If-Match "
                    + "is stale, 428 when missing. The incident's list finds it again by supplierReference.")
    @APIResponse(responseCode = "200", description = "The incident as it now is",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = IncidentResponse.class)))
    @APIResponse(responseCode = "409", description = "Another incident of the same supplier holds the reference")
    public RestResponse<IncidentResponse> setSupplierReference(@RestPath long id,
            @NotNull @Valid SupplierReferenceRequest request,
            @Parameter(required = true, description = IF_MATCH_DESCRIPTION) @RestHeader(IF_MATCH) String ifMatch) {
        return responses.withETag(
                changes.setSupplierReference(id, request.supplierReference(), ifMatch, caller.get()), id);
    }

    @POST
    @Path("/fix")
    @RolesAllowed(Roles.SUPPLIER)
    @Operation(operationId = "recordIncidentFix", summary = "Record the fix that followed a workaround resolution",
            description = "By the supplier that resolves the incident, on an incident resolved (or closed) with a "
                    + "WORKAROUND: it stays as it is, and the fix is recorded and told. 409 when it was not resolved "
                    + "with a workaround, or its fix is already recorded.")
    @APIResponse(responseCode = "200", description = "The incident with its fix",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = IncidentResponse.class)))
    @APIResponse(responseCode = "409", description = "Not resolved with a workaround, or its fix already recorded")
    @APIResponse(responseCode = "422", description = "fixedAt is before the resolution or in the future")
    public RestResponse<IncidentResponse> recordFix(@RestPath long id, @NotNull @Valid FixRequest request,
            @Parameter(required = true, description = IF_MATCH_DESCRIPTION) @RestHeader(IF_MATCH) String ifMatch) {
        return responses.withETag(changes.recordFix(id, request.toFix(), ifMatch, caller.get()), id);
    }

    @POST
    @Path("/bars-programme-involvement")
    @RolesAllowed(Roles.SERVICE_DESK)
    @Operation(operationId = "involveBarsProgramme",
            summary = "Involve the BaRS programme in a live BaRS incident (the National Service Desk)",
            description = "By the Service Desk while it is a party to the incident (it raised it, or is routed to "
                    + "it): recorded with its reason, the BaRS programme is informed from then on, told it was added, "
                    + "and kept through later re-routing. Involving it again changes nothing. 403 for a Service Desk "
                    + "that only reads the incident; 409 on a test, ended or non-BaRS incident, or where the routing "
                    + "rules in use would inform no registered BaRS programme; 412 when If-Match is stale, 428 when "
                    + "missing.")
    @APIResponse(responseCode = "200", description = "The incident, the BaRS programme among its informed parties",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = IncidentResponse.class)))
    @APIResponse(responseCode = "409", description = "A test, ended or non-BaRS incident, or no rule informs the "
            + "BaRS programme")
    @APIResponse(responseCode = "422", description = RoutingResource.UNROUTABLE)
    public RestResponse<IncidentResponse> involveBarsProgramme(@RestPath long id,
            @NotNull @Valid InvolvementRequest request,
            @Parameter(required = true, description = IF_MATCH_DESCRIPTION) @RestHeader(IF_MATCH) String ifMatch) {
        return responses.withETag(changes.involveBarsProgramme(id, request.reason(), ifMatch, caller.get()), id);
    }

    @POST
    @Path("/clinical-review")
    @RolesAllowed(Roles.CLINICAL_SAFETY_OFFICER)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClinicalReviewRequest.class),
            examples = @ExampleObject(name = "review", value = IncidentExamples.CLINICAL_REVIEW)))
    @APIResponse(responseCode = "200", description = "The incident with its review",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG))
    @APIResponse(responseCode = "409", description = "The incident is not flagged as a clinical safety incident")
    @Operation(operationId = "recordClinicalReview",
            summary = "Record the Clinical Safety Officer's review of a safety incident")
    public RestResponse<IncidentResponse> clinicalReview(@RestPath long id,
            @NotNull @Valid ClinicalReviewRequest request,
            @Parameter(required = true, description = IF_MATCH_DESCRIPTION) @RestHeader(IF_MATCH) String ifMatch) {
        return responses.withETag(
                changes.recordClinicalReview(id, request.toClinicalReview(), ifMatch, caller.get()), id);
    }
}

package uk.nhs.incidents.major.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.common.paging.Cursor;
import uk.nhs.incidents.common.paging.Page;
import uk.nhs.incidents.common.paging.PageParameters;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.paging.QueryValues;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.major.data.MajorIncidentUpdate;
import uk.nhs.incidents.major.domain.MajorIncidentStatus;
import uk.nhs.incidents.major.service.MajorIncidentChanges;
import uk.nhs.incidents.major.service.MajorIncidents;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.OnIncidents;
import uk.nhs.incidents.security.Roles;

@Path("/api/v1/major-incidents")
@Tag(name = "Major incidents", description = "One outage that many incidents report: its incidents, its updates to "
        + "every party of them, and one resolution for all")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@OnIncidents
public class MajorIncidentResource {

    private final MajorIncidents majorIncidents;
    private final MajorIncidentChanges changes;
    private final CurrentCaller caller;

    MajorIncidentResource(MajorIncidents majorIncidents, MajorIncidentChanges changes, CurrentCaller caller) {
        this.majorIncidents = majorIncidents;
        this.changes = changes;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.SERVICE_DESK, Roles.SUPPLIER, Roles.HUB, Roles.ADMIN})
    @Operation(operationId = "createMajorIncident", summary = "Declare a major incident",
            description = "By the Service Desk, the hub, an admin, or a supplier for its own platform.")
    @APIResponse(responseCode = "201", description = "Declared; Location names it",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The new major incident"),
            content = @Content(schema = @Schema(implementation = MajorIncidentResponse.class)))
    @APIResponse(responseCode = "422", description = "The supplier named is not a registered supplier")
    public RestResponse<MajorIncidentResponse> create(@NotNull @Valid MajorIncidentRequest request) {
        MajorIncidents.Viewed created = majorIncidents.create(request.toNewMajorIncident(), caller.get());
        return RestResponse.ResponseBuilder.<MajorIncidentResponse>created(UriBuilder.fromResource(
                MajorIncidentResource.class).path(String.valueOf(created.majorIncident().id)).build())
                .entity(MajorIncidentResponse.of(created)).build();
    }

    @GET
    @Operation(operationId = "listMajorIncidents", summary = "The major incidents the caller reads, newest first")
    @APIResponse(responseCode = "200", description = "A page of major incidents")
    public Page<MajorIncidentResponse> list(
            @Parameter(description = "Only major incidents in this status",
                    schema = @Schema(implementation = MajorIncidentStatus.class)) @RestQuery String status,
            @BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(majorIncidents.page(QueryValues.enumValue("status", status, MajorIncidentStatus.class),
                request, caller.get()), request, v -> Cursor.of(v.majorIncident().createdAt, v.majorIncident().id),
                MajorIncidentResponse::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getMajorIncident", summary = "One major incident",
            description = "For those who see it whole, and for the reporters and accountable parties of its incidents,"
                    + " who read how many incidents it has but never which.")
    @APIResponse(responseCode = "200", description = "The major incident")
    public MajorIncidentResponse get(@RestPath long id) {
        return majorIncidents.find(id, caller.get()).map(MajorIncidentResponse::of).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("/{id}/incidents")
    @Operation(operationId = "listMajorIncidentIncidents", summary = "The incidents linked, by id",
            description = "All of them for those who see the major incident whole (the Service Desk, the hub, the "
                    + "BaRS programme, the suppliers involved, admins); for a party of some of them, only those.")
    @APIResponse(responseCode = "200", description = "A page of linked incidents")
    public Page<LinkedIncidentResponse> incidents(@RestPath long id,
            @BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(majorIncidents.incidents(id, request, caller.get()).orElseThrow(() -> notFound(id)), request,
                i -> Cursor.of(i.id), LinkedIncidentResponse::of);
    }

    @POST
    @Path("/{id}/incidents")
    @RolesAllowed({Roles.SERVICE_DESK, Roles.SUPPLIER, Roles.ADMIN})
    @Operation(operationId = "linkIncident", summary = "Link an incident to the major incident",
            description = "The Service Desk links live incidents it reads, a supplier its own, an admin any. An "
                    + "incident newly linked to a resolved major incident is resolved with it at once (one reopened "
                    + "since stays linked and open; linking it again answers 200 and changes nothing). 409 when it is "
                    + "linked to another major incident or has ended; 422 when it is not one the caller reads.")
    @APIResponse(responseCode = "201", description = "Linked",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The incident"),
            content = @Content(schema = @Schema(implementation = LinkedIncidentResponse.class)))
    @APIResponse(responseCode = "200", description = "It was linked already",
            content = @Content(schema = @Schema(implementation = LinkedIncidentResponse.class)))
    @APIResponse(responseCode = "409", description = "The incident is linked to another major incident "
            + "(linked-elsewhere) or has ended (incident-ended)")
    @APIResponse(responseCode = "422", description = "No incident with that id that the caller reads")
    public RestResponse<LinkedIncidentResponse> link(@RestPath long id, @NotNull @Valid LinkRequest request) {
        MajorIncidentChanges.Linked linked = changes.link(id, request.incidentId(), caller.get())
                .orElseThrow(() -> notFound(id));
        LinkedIncidentResponse body = LinkedIncidentResponse.of(linked.incident());
        if (!linked.created()) {
            return RestResponse.ok(body);
        }
        return RestResponse.ResponseBuilder.<LinkedIncidentResponse>created(UriBuilder.fromPath("/api/v1/incidents")
                .path(String.valueOf(linked.incident().id)).build()).entity(body).build();
    }

    @POST
    @Path("/{id}/incidents/{incidentId}/unlink")
    @RolesAllowed({Roles.SERVICE_DESK, Roles.SUPPLIER, Roles.ADMIN})
    @Operation(operationId = "unlinkIncident", summary = "Unlink an incident from the major incident, with a reason",
            description = "By those who may link it, and by the Service Desk even once the incident has moved to "
                    + "the test phase. The incident keeps its state; the history keeps the link. 404 for a major "
                    + "incident or an incident the caller cannot read.")
    @APIResponse(responseCode = "200", description = "The major incident as it now stands")
    @APIResponse(responseCode = "409", description = "The incident is closed or cancelled: it keeps its link")
    public MajorIncidentResponse unlink(@RestPath long id, @RestPath long incidentId,
            @NotNull @Valid UnlinkRequest request) {
        return changes.unlink(id, incidentId, request.reason(), caller.get()).map(majorIncidents::viewed)
                .map(MajorIncidentResponse::of).orElseThrow(() -> notFound(id));
    }

    @POST
    @Path("/{id}/updates")
    @Operation(operationId = "postMajorIncidentUpdate", summary = "Post an update to everyone involved",
            description = "By those who see the major incident whole. Each organisation that reports or owns a linked"
                    + " incident is emailed once, however many of its incidents are linked, and the update is written "
                    + "into every linked incident's conversation.")
    @APIResponse(responseCode = "201", description = "Posted; Location names it",
            headers = @Header(name = HttpHeaders.LOCATION, description = "The update"),
            content = @Content(schema = @Schema(implementation = UpdateResponse.class)))
    public RestResponse<UpdateResponse> post(@RestPath long id, @NotNull @Valid UpdateRequest request) {
        MajorIncidentUpdate update = changes.post(id, request.body(), caller.get()).orElseThrow(() -> notFound(id));
        return RestResponse.ResponseBuilder.<UpdateResponse>created(UriBuilder.fromResource(MajorIncidentResource.class)
                .path("{id}/updates/{updateId}").build(id, update.id)).entity(UpdateResponse.of(update)).build();
    }

    @GET
    @Path("/{id}/updates")
    @Operation(operationId = "listMajorIncidentUpdates", summary = "The updates, oldest first")
    @APIResponse(responseCode = "200", description = "A page of updates")
    public Page<UpdateResponse> updates(@RestPath long id,
            @BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(majorIncidents.updates(id, request, caller.get()).orElseThrow(() -> notFound(id)), request,
                u -> Cursor.of(u.createdAt, u.id), UpdateResponse::of);
    }

    @GET
    @Path("/{id}/updates/{updateId}")
    @Operation(operationId = "getMajorIncidentUpdate", summary = "One update")
    @APIResponse(responseCode = "200", description = "The update")
    public UpdateResponse update(@RestPath long id, @RestPath long updateId) {
        return majorIncidents.update(id, updateId, caller.get()).map(UpdateResponse::of).orElseThrow(
                () -> new NotFoundException("No update " + updateId + " of major incident " + id + " in your scope."));
    }

    @POST
    @Path("/{id}/resolution")
    @RolesAllowed({Roles.SERVICE_DESK, Roles.SUPPLIER, Roles.HUB, Roles.ADMIN})
    @Operation(operationId = "resolveMajorIncident",
            summary = "Resolve the major incident and every open incident of it",
            description = "By the Service Desk, the hub, an admin or the supplier whose platform it is about. Every "
                    + "open incident linked is resolved with its code and summary, each as if resolved on its own "
                    + "(history, clocks, notifications), all in one transaction; incidents linked later are resolved "
                    + "as they are linked. 409 when it is resolved already.")
    @APIResponse(responseCode = "200", description = "The resolved major incident")
    @APIResponse(responseCode = "409", description = "It is resolved already (major-incident-resolved)")
    public MajorIncidentResponse resolve(@RestPath long id, @NotNull @Valid ResolutionRequest request) {
        return changes.resolve(id, request.resolutionCode(), request.summary(), caller.get())
                .map(majorIncidents::viewed).map(MajorIncidentResponse::of)
                .orElseThrow(() -> notFound(id));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No major incident " + id + " in your scope.");
    }
}

package uk.nhs.incidents.incident.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.common.paging.Cursor;
import uk.nhs.incidents.common.paging.Page;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.incident.data.Incident;
import uk.nhs.incidents.incident.data.IncidentOrder;
import uk.nhs.incidents.incident.data.IncidentRepository.Queued;
import uk.nhs.incidents.incident.service.IncidentQueries;
import uk.nhs.incidents.incident.service.RaiseService;
import uk.nhs.incidents.incident.service.RaiseWriter;
import uk.nhs.incidents.incident.service.RequestHashes;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.Roles;

@Path("/api/v1/incidents")
@Tag(name = "Incidents", description = "Raise, read and list incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class IncidentResource {

    private final IncidentQueries incidents;
    private final RaiseService raising;
    private final CurrentCaller caller;
    private final IncidentResponses responses;
    private final RequestHashes requestHashes;

    IncidentResource(IncidentQueries incidents, RaiseService raising, CurrentCaller caller, IncidentResponses responses,
            RequestHashes requestHashes) {
        this.incidents = incidents;
        this.raising = raising;
        this.responses = responses;
        this.caller = caller;
        this.requestHashes = requestHashes;
    }

    @POST
    @RolesAllowed({Roles.PROVIDER, Roles.PRACTICE, Roles.SERVICE_DESK})
    @APIResponse(responseCode = "201", description = "Created; Location names the new resource",
            content = @Content(schema = @Schema(implementation = IncidentResponse.class)))
    @Operation(summary = "Raise an incident on a deployment",
            description = "Providers and practices raise on their own deployments; the National Service Desk raises live incidents on any.")
    public RestResponse<IncidentResponse> raise(@NotNull @Valid RaiseIncidentRequest request,
            @Parameter(description = "Makes retries safe: a retry with the same key and body answers with the same incident")
            @RestHeader("Idempotency-Key") @Size(min = 1, max = 255) @Pattern(regexp = "^[\\x21-\\x7E]+$",
                    message = "must be 1-255 printable ASCII characters without spaces") String idempotencyKey) {
        Caller raiser = caller.get();
        Optional<RaiseWriter.Key> key = Optional.ofNullable(idempotencyKey)
                .map(k -> new RaiseWriter.Key(raiser.organisation(), k, requestHashes.of(request)));
        RaiseWriter.Raised raised = raising.raise(request.toNewIncident(), key, raiser);
        Incident incident = raised.incident();
        return RestResponse.ResponseBuilder.<IncidentResponse>created(
                UriBuilder.fromResource(IncidentResource.class).path(String.valueOf(incident.id)).build())
                .header(HttpHeaders.ETAG, IncidentResponse.etag(incident))
                .entity(IncidentResponse.of(incident, raised.routing(), raised.clocks())).build();
    }

    @GET
    @Operation(summary = "List incidents in the caller's scope, newest first or as a work queue by resolution due")
    public Page<IncidentResponse> list(@BeanParam IncidentListParameters parameters) {
        PageRequest request = parameters.page();
        if (parameters.order() == IncidentOrder.RESOLUTION_DUE) {
            return Page.of(incidents.pageByResolutionDue(parameters.filter(), request, caller.get()), request,
                    q -> Cursor.of(q.resolutionDue() == null ? "" : q.resolutionDue(), q.incident().id),
                    Queued::incident).mapAll(responses::all);
        }
        return Page.of(incidents.page(parameters.filter(), request, caller.get()), request,
                i -> Cursor.of(i.createdAt, i.id), i -> i).mapAll(responses::all);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read one incident")
    @APIResponse(responseCode = "200", description = "The incident",
            headers = @Header(name = HttpHeaders.ETAG, schema = @Schema(type = SchemaType.STRING),
                    description = "The incident's version, for If-Match and If-None-Match"),
            content = @Content(schema = @Schema(implementation = IncidentResponse.class)))
    @APIResponse(responseCode = "304", description = "Not modified: If-None-Match names the current version",
            headers = @Header(name = HttpHeaders.ETAG, description = "The incident's version",
                    schema = @Schema(type = SchemaType.STRING)))
    public RestResponse<IncidentResponse> get(@RestPath long id,
            @Parameter(description = "ETags of the copies the caller holds (compared weakly), or *: 304 when current")
            @RestHeader("If-None-Match") String ifNoneMatch) {
        return responses.unlessHeld(incidents.find(id, caller.get()), id, ifNoneMatch);
    }
}

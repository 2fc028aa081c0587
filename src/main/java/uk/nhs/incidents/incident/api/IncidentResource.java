package uk.nhs.incidents.incident.api;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
import uk.nhs.incidents.common.http.EntityTag;
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
import uk.nhs.incidents.routing.api.RoutingResource;
import uk.nhs.incidents.security.Caller;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.OnIncidents;
import uk.nhs.incidents.security.Roles;

@Path("/api/v1/incidents")
@Tag(name = "Incidents", description = "Raise, read and list incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@OnIncidents
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
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RaiseIncidentRequest.class), examples = {
                    @ExampleObject(name = "live", summary = "A live incident; severity from impact and urgency",
                            value = IncidentExamples.RAISE_LIVE),
                    @ExampleObject(name = "test", summary = "An issue found in testing, with its severity",
                            value = IncidentExamples.RAISE_TEST),
                    @ExampleObject(name = "clinicalSafety",
                            summary = "A clinical safety incident (severity at least 2)",
                            value = IncidentExamples.RAISE_SAFETY)}))
    @APIResponse(responseCode = "201", description = "Raised, or for a retry with the same Idempotency-Key and body, "
            + "the incident it raised; Location names it",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = IncidentResponse.class)))
    @APIResponse(responseCode = "409", description = "externalReference is already used by another incident of the "
            + "caller's organisation (the detail names it), or a concurrent change")
    @APIResponse(responseCode = "422", description = "No deployment with that id that the caller may raise on, or the "
            + "Idempotency-Key was used for a different request. " + RoutingResource.UNROUTABLE)
    @APIResponse(responseCode = "503", description = "The database, or the year's reference series, cannot be reached "
            + "just now, or an admin's edit of the deployment (which moves its open incidents) outlasted the raise's "
            + "wait for it; nothing was raised; try again after Retry-After")
    @Operation(operationId = "raiseIncident", summary = "Raise an incident on a deployment",
            description = "Providers and practices raise on their own deployments; the National Service Desk raises live incidents on any.")
    @Parameter(name = IdempotencyKeys.HEADER, in = ParameterIn.HEADER, description = "Makes retries safe: a retry "
            + "with the same key and body answers with the same incident", schema = @Schema(type = SchemaType.STRING,
                    minLength = 1, maxLength = IdempotencyKeys.MAX_LENGTH, pattern = IdempotencyKeys.PATTERN))
    public RestResponse<IncidentResponse> raise(@NotNull @Valid RaiseIncidentRequest request,
            @Context HttpHeaders headers) {
        Caller raiser = caller.get();
        Optional<RaiseWriter.Key> key = IdempotencyKeys.of(headers.getHeaderString(IdempotencyKeys.HEADER))
                .map(k -> new RaiseWriter.Key(raiser.organisation(), k, requestHashes.of(request)));
        RaiseWriter.Raised raised = raising.raise(request.toNewIncident(), key, raiser);
        Incident incident = raised.incident();
        return RestResponse.ResponseBuilder.<IncidentResponse>created(
                UriBuilder.fromResource(IncidentResource.class).path(String.valueOf(incident.id)).build())
                .header(HttpHeaders.ETAG, EntityTag.of(incident.version))
                .entity(IncidentResponse.of(incident, raised.routing(), raised.clocks())).build();
    }

    @GET
    @Operation(operationId = "listIncidents",
            summary = "List incidents in the caller's scope, newest first or as a work queue by resolution due")
    public Page<IncidentResponse> list(@BeanParam IncidentListParameters parameters) {
        PageRequest request = parameters.page();
        if (parameters.order() == IncidentOrder.RESOLUTION_DUE) {
            return Page.of(incidents.pageByResolutionDue(parameters.filter(), request, caller.get()), request,
                    Queued::cursor,
                    Queued::incident).mapAll(responses::all);
        }
        return Page.of(incidents.page(parameters.filter(), request, caller.get()), request,
                i -> Cursor.of(i.createdAt, i.id), i -> i).mapAll(responses::all);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getIncident", summary = "Read one incident")
    @APIResponse(responseCode = "200", description = "The incident",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = IncidentResponse.class)))
    @APIResponse(responseCode = "304", description = "Not modified: If-None-Match names the current version",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG))
    public RestResponse<IncidentResponse> get(@RestPath long id,
            @Parameter(description = "ETags of the copies the caller holds (compared weakly), or *: 304 when current")
            @RestHeader("If-None-Match") String ifNoneMatch) {
        return responses.unlessHeld(incidents.find(id, caller.get()), id, ifNoneMatch);
    }
}

package uk.nhs.incidents.party.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.common.http.EntityTag;
import uk.nhs.incidents.common.paging.Cursor;
import uk.nhs.incidents.common.paging.Page;
import uk.nhs.incidents.common.paging.PageParameters;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.party.data.Deployment;
import uk.nhs.incidents.party.service.DeploymentService;
import uk.nhs.incidents.routing.api.RoutingResource;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.Roles;

@Path("/api/v1/deployments")
@Tag(name = "Parties")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class DeploymentResource {

    private static final String PARTIES_UNFIT = "A slot names an organisation that is not registered or not of its "
            + "type, or the procurement route does not fit the parties; see violations";

    private final DeploymentService service;
    private final CurrentCaller caller;

    DeploymentResource(DeploymentService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listDeployments", summary = "List deployments in the caller's scope, in id order")
    public Page<DeploymentResponse> list(@BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(service.page(request, caller.get()), request, d -> Cursor.of(d.id), DeploymentResponse::of);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDeployment", summary = "Read one deployment")
    @APIResponse(responseCode = "200", description = "The deployment",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = DeploymentResponse.class)))
    public RestResponse<DeploymentResponse> get(@RestPath long id) {
        return tagged(service.find(id, caller.get()).orElseThrow(() -> notFound(id)));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "201", description = "Created; Location names the new resource",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = DeploymentResponse.class)))
    @APIResponse(responseCode = "422", description = PARTIES_UNFIT)
    @Operation(operationId = "createDeployment", summary = "Register a deployment (admin)")
    public RestResponse<DeploymentResponse> create(@NotNull @Valid DeploymentRequest request) {
        var created = service.create(request);
        return RestResponse.ResponseBuilder.<DeploymentResponse>created(
                UriBuilder.fromResource(DeploymentResource.class).path(String.valueOf(created.id)).build())
                .header(HttpHeaders.ETAG, EntityTag.of(created.version))
                .entity(DeploymentResponse.of(created)).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateDeployment",
            summary = "Replace a deployment's parties, programme and route (admin)",
            description = "The incidents of the deployment that are not ended are re-routed in the same change. An "
                    + "edit moving it to another ICB leaves icbSupportAgreed false (422 otherwise): that ICB records "
                    + "its own decision. One omitting icbSupportAgreed keeps the decision recorded while the "
                    + "deployment stays with its ICB and practice on the PRACTICE route. 412 when If-Match is stale "
                    + "(another admin changed it since you read it), 428 when missing.")
    @APIResponse(responseCode = "200", description = "The deployment as it now is",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = DeploymentResponse.class)))
    @APIResponse(responseCode = "422", description = PARTIES_UNFIT + ". " + RoutingResource.UNROUTABLE)
    public RestResponse<DeploymentResponse> update(@RestPath long id, @NotNull @Valid DeploymentRequest request,
            @Parameter(required = true, description = "The ETag of the deployment as last read")
            @RestHeader(HttpHeaders.IF_MATCH) String ifMatch) {
        return tagged(service.update(id, request, ifMatch, caller.get()).orElseThrow(() -> notFound(id)));
    }

    @PUT
    @Path("/{id}/icb-support")
    @RolesAllowed({Roles.ICB, Roles.ADMIN})
    @Operation(operationId = "recordIcbSupport",
            summary = "Record whether the ICB agreed to support a practice-procured deployment (its ICB, or an admin)",
            description = "The ICB's decision, made before the practice's contract. Its incidents that are not ended "
                    + "are re-routed in the same change: the ICB is informed of a live severity 1 or 2 incident only "
                    + "where it agreed. 404 for a deployment of another ICB; 422 when agreeing for a system the "
                    + "ICB procured itself (COMMISSIONER route); 412 when If-Match is stale, 428 when missing.")
    @APIResponse(responseCode = "200", description = "The deployment as it now is",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = DeploymentResponse.class)))
    @APIResponse(responseCode = "422", description = "Agreed for a system the ICB procured itself (COMMISSIONER "
            + "route). " + RoutingResource.UNROUTABLE)
    public RestResponse<DeploymentResponse> recordIcbSupport(@RestPath long id,
            @NotNull @Valid IcbSupportRequest request,
            @Parameter(required = true, description = "The ETag of the deployment as last read")
            @RestHeader(HttpHeaders.IF_MATCH) String ifMatch) {
        return tagged(service.recordIcbSupport(id, request.agreed(), ifMatch, caller.get())
                .orElseThrow(() -> notFound(id)));
    }

    private static RestResponse<DeploymentResponse> tagged(Deployment deployment) {
        return EntityTag.ok(DeploymentResponse.of(deployment), deployment.version);
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No deployment " + id + " in your scope.");
    }
}

package uk.nhs.incidents.party.api;

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
import io.quarkus.security.Authenticated;
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
import uk.nhs.incidents.party.data.Organisation;
import uk.nhs.incidents.party.service.OrganisationService;
import uk.nhs.incidents.security.Roles;

@Path("/api/v1/organisations")
@Tag(name = "Parties", description = "Organisations, their contacts, and deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class OrganisationResource {

    private final OrganisationService service;

    OrganisationResource(OrganisationService service) {
        this.service = service;
    }

    @GET
    @Operation(operationId = "listOrganisations", summary = "List organisations in ODS-code order")
    public Page<OrganisationResponse> list(@BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(service.page(request), request, o -> Cursor.of(o.odsCode), OrganisationResponse::of);
    }

    @GET
    @Path("/{odsCode}")
    @Operation(operationId = "getOrganisation", summary = "Read one organisation and its contacts")
    @APIResponse(responseCode = "200", description = "The organisation",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = OrganisationResponse.class)))
    public RestResponse<OrganisationResponse> get(@RestPath String odsCode) {
        return tagged(service.find(odsCode).orElseThrow(() -> notFound(odsCode)));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "201", description = "Created; Location names the new resource",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = OrganisationResponse.class)))
    @APIResponse(responseCode = "409", description = "An organisation with this ODS code exists")
    @Operation(operationId = "createOrganisation", summary = "Register an organisation (admin)")
    public RestResponse<OrganisationResponse> create(@NotNull @Valid OrganisationRequest request) {
        var created = service.create(request);
        return RestResponse.ResponseBuilder.<OrganisationResponse>created(
                UriBuilder.fromResource(OrganisationResource.class).path(created.odsCode).build())
                .header(HttpHeaders.ETAG, EntityTag.of(created.version))
                .entity(OrganisationResponse.of(created)).build();
    }

    @PUT
    @Path("/{odsCode}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateOrganisation", summary = "Replace an organisation's name, type and contacts (admin)",
            description = "412 when If-Match is stale (another admin changed it since you read it), 428 when missing.")
    @APIResponse(responseCode = "200", description = "The organisation as it now is",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            content = @Content(schema = @Schema(implementation = OrganisationResponse.class)))
    @APIResponse(responseCode = "409", description = "The type would change while the organisation fills a slot in "
            + "a deployment, or while an incident that has not ended routes it or was raised by it")
    public RestResponse<OrganisationResponse> update(@RestPath String odsCode,
            @NotNull @Valid OrganisationRequest request,
            @Parameter(required = true, description = "The ETag of the organisation as last read")
            @RestHeader(HttpHeaders.IF_MATCH) String ifMatch) {
        return tagged(service.update(odsCode, request, ifMatch).orElseThrow(() -> notFound(odsCode)));
    }

    private static RestResponse<OrganisationResponse> tagged(Organisation organisation) {
        return EntityTag.ok(OrganisationResponse.of(organisation), organisation.version);
    }

    private static NotFoundException notFound(String odsCode) {
        return new NotFoundException("No organisation with ODS code " + odsCode + ".");
    }
}

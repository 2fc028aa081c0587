package uk.nhs.incidents.sla.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.common.http.EntityTag;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.sla.service.ServiceLevelSettings;

@Path("/api/v1/service-levels")
@Tag(name = "Service levels")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class ServiceLevelSettingsResource {

    private static final String APPLIES = "A change applies to the clocks that start from then on (a raise, a phase "
            + "change) and to those a severity change or a reopening retargets; running clocks keep the target they "
            + "started with. "
            + "Other instances take it up within incidents.cache.refresh.";

    private final ServiceLevelSettings settings;
    private final CurrentCaller caller;

    ServiceLevelSettingsResource(ServiceLevelSettings settings, CurrentCaller caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "getServiceLevelTargets", summary = "The triage and resolution targets per severity")
    @APIResponse(responseCode = "200", description = "The targets in force; the ETag is the version a change names",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG))
    public RestResponse<ServiceLevelSettingsResponse> get() {
        return tagged(settings.current(), caller.get().isAdmin());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "setServiceLevelTargets", summary = "Set the targets of every severity (admin)",
            description = APPLIES + " A body not of the schema (not five entries, a field missing, null or of "
                    + "another type, a severity outside 1-5) is 400 first; then 412 when If-Match is stale (another "
                    + "admin changed them since you read them), 428 when missing; then 400 naming the entry for a "
                    + "duration that is not ISO-8601, not whole minutes, outside PT1M to P366D, a triage longer than "
                    + "its resolution, or a severity repeated. Every change is kept, with who made it when.")
    @APIResponse(responseCode = "200", description = "The targets now in force",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG))
    public RestResponse<ServiceLevelSettingsResponse> set(@NotNull @Valid ServiceLevelSettingsRequest request,
            @Parameter(required = true, description = "The ETag of the targets as last read")
            @RestHeader(HttpHeaders.IF_MATCH) String ifMatch) {
        return tagged(settings.set(request::toPolicy, ifMatch, caller.get()), true);
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "resetServiceLevelTargets",
            summary = "Go back to the service's configured targets (admin)",
            description = APPLIES + " 412 when If-Match is stale, 428 when missing.")
    @APIResponse(responseCode = "200", description = "The configured targets, now in force",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG))
    public RestResponse<ServiceLevelSettingsResponse> reset(
            @Parameter(required = true, description = "The ETag of the targets as last read")
            @RestHeader(HttpHeaders.IF_MATCH) String ifMatch) {
        return tagged(settings.reset(ifMatch, caller.get()), true);
    }

    private static RestResponse<ServiceLevelSettingsResponse> tagged(ServiceLevelSettings.Versioned versioned,
            boolean showUser) {
        return EntityTag.ok(ServiceLevelSettingsResponse.of(versioned.inForce(), showUser), versioned.version());
    }
}

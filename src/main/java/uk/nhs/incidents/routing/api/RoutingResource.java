package uk.nhs.incidents.routing.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.common.http.EntityTag;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.routing.service.RoutingPreview;
import uk.nhs.incidents.routing.service.RoutingService;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.sla.api.ServiceLevelsResponse;

@Path("/api/v1/routing")
@Tag(name = "Routing", description = "Who resolves, who is accountable and who is told; the rules behind it")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class RoutingResource {

    /** The answer of a change the routing rules cannot route, for each operation that routes incidents. */
    public static final String UNROUTABLE = "The routing rules in use name no registered organisation for the "
            + "resolver or the accountable part (routing-unresolvable); nothing was changed";

    private final RoutingService routing;
    private final RoutingPreview previews;
    private final CurrentCaller caller;

    RoutingResource(RoutingService routing, RoutingPreview previews, CurrentCaller caller) {
        this.routing = routing;
        this.previews = previews;
        this.caller = caller;
    }

    @POST
    @Path("/preview")
    @Operation(operationId = "previewRouting",
            summary = "The routing and service levels a hypothetical incident would get, without creating it")
    @APIResponse(responseCode = "200", description = "The routing, severity and service levels it would get",
            content = @Content(schema = @Schema(implementation = PreviewResponse.class)))
    @APIResponse(responseCode = "422", description = UNROUTABLE)
    public PreviewResponse preview(@NotNull @Valid PreviewRequest request) {
        return previews.preview(request, caller.get())
                .map(p -> new PreviewResponse(p.severity(), RoutingResponse.of(p.routing()),
                        ServiceLevelsResponse.of(p.clocks())))
                .orElseThrow(() -> new NotFoundException("No deployment " + request.deploymentId() + " in your scope."));
    }

    @GET
    @Path("/rules")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listRoutingRules", summary = "The routing rule set, in order (admin)")
    @APIResponse(responseCode = "200", description = "The rule set; its ETag is the version a replacement names",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG))
    public RestResponse<List<RoutingRuleDto>> rules() {
        return tagged(routing.rules());
    }

    @PUT
    @Path("/rules")
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "The rule set now in use",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG))
    @APIResponse(responseCode = "422", description = "Some incident would be left without a resolver or an "
            + "accountable party; the detail gives examples")
    @Operation(operationId = "replaceRoutingRules", summary = "Replace the routing rule set (admin)",
            description = "400 naming the rule's index for a malformed rule set (more rules than allowed, a rule whose "
                    + "minSeverity is above its maxSeverity, a rule repeating an earlier one); "
                    + "422 when some incident would be left without a resolver or an accountable party; "
                    + "412 when If-Match is stale (another admin replaced the rules since you read them), 428 when "
                    + "missing. Open incidents keep their routing until they are next re-routed: when their severity, "
                    + "phase or clinical flag changes, or an edit of their deployment changes its parties or how it "
                    + "was procured.")
    public RestResponse<List<RoutingRuleDto>> replaceRules(@NotNull List<@NotNull @Valid RoutingRuleDto> rules,
            @Parameter(required = true, description = "The ETag of the rule set as last read")
            @RestHeader(HttpHeaders.IF_MATCH) String ifMatch) {
        return tagged(routing.replaceRules(rules.stream().map(RoutingRuleDto::toRule).toList(), ifMatch));
    }

    private static RestResponse<List<RoutingRuleDto>> tagged(RoutingService.RuleSet ruleSet) {
        return EntityTag.ok(ruleSet.rules().stream().map(RoutingRuleDto::of).toList(), ruleSet.version());
    }
}

package uk.nhs.incidents.webhook.api;

import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.common.openapi.QueryItems;
import uk.nhs.incidents.common.paging.Cursor;
import uk.nhs.incidents.common.paging.Page;
import uk.nhs.incidents.common.paging.PageParameters;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.paging.QueryValues;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.Roles;
import uk.nhs.incidents.webhook.service.WebhookSubscriptions.WithSecret;
import uk.nhs.incidents.webhook.service.WebhookSubscriptions;

@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Signed events of the incidents an organisation reads, sent to its own systems")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class WebhookResource {

    private final WebhookSubscriptions webhooks;
    private final CurrentCaller caller;

    WebhookResource(WebhookSubscriptions webhooks, CurrentCaller caller) {
        this.webhooks = webhooks;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.INTEGRATION, Roles.ADMIN})
    @APIResponse(responseCode = "201", description = "Registered; Location names it. The only answer, with the "
            + "secret rotation's, that carries the signing secret",
            content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    @APIResponse(responseCode = "409", description = "The organisation has incidents.webhooks.max-per-organisation "
            + "webhooks already (webhook-limit)")
    @APIResponse(responseCode = "422", description = "The URL's host is not a public internet address, or the "
            + "organisation is not registered")
    @Operation(operationId = "createWebhook", summary = "Register a webhook for the caller's organisation "
            + "(integration), or for a named one (admin)")
    public RestResponse<WebhookResponse> create(@NotNull @Valid WebhookRequest request) {
        WithSecret registered = webhooks.register(request.url(), request.events(), request.organisation(),
                caller.get());
        return RestResponse.ResponseBuilder.<WebhookResponse>created(UriBuilder.fromResource(WebhookResource.class)
                .path("{id}").build(registered.subscription().id)).entity(WebhookResponse.of(registered)).build();
    }

    @GET
    @RolesAllowed({Roles.INTEGRATION, Roles.ADMIN})
    @Operation(operationId = "listWebhooks", summary = "The organisation's webhooks, oldest first (admins: every "
            + "organisation's, or one's with ?organisation=)")
    public Page<WebhookResponse> list(
            @Parameter(description = "Admins: only this organisation's webhooks",
                    schema = @Schema(implementation = QueryItems.OdsCode.class)) @RestQuery String organisation,
            @BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(webhooks.page(caller.get(), QueryValues.odsCode("organisation", organisation), request),
                request, s -> Cursor.of(s.createdAt, s.id), WebhookResponse::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.INTEGRATION, Roles.ADMIN})
    @Operation(operationId = "getWebhook", summary = "One webhook, without its secret")
    public WebhookResponse get(@RestPath long id) {
        return webhooks.find(id, caller.get()).map(WebhookResponse::of).orElseThrow(() -> notFound(id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.INTEGRATION, Roles.ADMIN})
    @APIResponse(responseCode = "204", description = "Removed, with its deliveries; nothing more is sent to it")
    @Operation(operationId = "deleteWebhook", summary = "Remove a webhook")
    public RestResponse<Void> delete(@RestPath long id) {
        if (!webhooks.remove(id, caller.get())) {
            throw notFound(id);
        }
        return RestResponse.noContent();
    }

    @POST
    @Path("/{id}/secret")
    @RolesAllowed({Roles.INTEGRATION, Roles.ADMIN})
    @APIResponse(responseCode = "200", description = "The webhook with its new secret, shown this once; the old one "
            + "signs beside it until previousSecretExpiresAt",
            content = @Content(schema = @Schema(implementation = WebhookResponse.class)))
    @Operation(operationId = "rotateWebhookSecret", summary = "Replace a webhook's signing secret")
    public WebhookResponse rotateSecret(@RestPath long id) {
        return webhooks.rotateSecret(id, caller.get()).map(WebhookResponse::of).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed({Roles.INTEGRATION, Roles.ADMIN})
    @Operation(operationId = "listWebhookDeliveries", summary = "A webhook's deliveries, oldest first: event, "
            + "incident, attempts, last status and error")
    public Page<WebhookDeliveryResponse> deliveries(@RestPath long id, @BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(webhooks.deliveries(id, caller.get(), request).orElseThrow(() -> notFound(id)), request,
                d -> Cursor.of(d.createdAt, d.id), WebhookDeliveryResponse::of);
    }

    @POST
    @Path("/{id}/deliveries/{deliveryId}/redeliver")
    @RolesAllowed({Roles.INTEGRATION, Roles.ADMIN})
    @APIResponse(responseCode = "202", description = "Queued to be sent again, with the same webhook-id and body",
            content = @Content(schema = @Schema(implementation = WebhookDeliveryResponse.class)))
    @APIResponse(responseCode = "409", description = "The delivery is still pending, or the webhook is disabled")
    @Operation(operationId = "redeliverWebhookDelivery", summary = "Send a delivered or failed delivery again")
    public RestResponse<WebhookDeliveryResponse> redeliver(@RestPath long id, @RestPath long deliveryId) {
        return RestResponse.accepted(webhooks.redeliver(id, deliveryId, caller.get()).map(WebhookDeliveryResponse::of)
                .orElseThrow(() -> new NotFoundException("No delivery " + deliveryId + " of webhook " + id
                        + " in your scope.")));
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No webhook " + id + " in your scope.");
    }
}

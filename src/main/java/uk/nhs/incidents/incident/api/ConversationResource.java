package uk.nhs.incidents.incident.api;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import uk.nhs.incidents.common.paging.Cursor;
import uk.nhs.incidents.common.paging.Page;
import uk.nhs.incidents.common.paging.PageParameters;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.incident.data.Comment;
import uk.nhs.incidents.incident.service.Comments;
import uk.nhs.incidents.incident.service.IncidentQueries;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.OnIncidents;

@Path("/api/v1/incidents/{id}")
@Tag(name = "Conversation", description = "Comments between the parties, and the history of every change")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@OnIncidents
public class ConversationResource {

    private final Comments comments;
    private final IncidentQueries incidents;
    private final CurrentCaller caller;

    ConversationResource(Comments comments, IncidentQueries incidents, CurrentCaller caller) {
        this.incidents = incidents;
        this.comments = comments;
        this.caller = caller;
    }

    @POST
    @Path("/comments")
    @APIResponse(responseCode = "201", description = "Added; Location names the comment",
            content = @Content(schema = @Schema(implementation = CommentResponse.class)))
    @Operation(operationId = "addComment", summary = "Add a comment to the conversation",
            description = "From the incident's current parties, the party it waits on, and admins; 403 for a party "
                    + "that re-routing removed, which still reads the conversation.")
    public RestResponse<CommentResponse> comment(@RestPath long id, @NotNull @Valid CommentRequest request) {
        Comment comment = comments.comment(id, request.body(), caller.get()).orElseThrow(() -> notFound(id));
        return RestResponse.ResponseBuilder.<CommentResponse>created(UriBuilder.fromResource(ConversationResource.class)
                .path("comments/{commentId}").build(id, comment.id))
                .entity(CommentResponse.of(comment)).build();
    }

    @GET
    @Path("/comments/{commentId}")
    @Operation(operationId = "getComment", summary = "One comment")
    public CommentResponse comment(@RestPath long id, @RestPath long commentId) {
        return comments.findComment(id, commentId, caller.get()).map(CommentResponse::of)
                .orElseThrow(() -> new NotFoundException("No comment " + commentId + " on incident " + id + " in your scope."));
    }

    @GET
    @Path("/comments")
    @Operation(operationId = "listComments", summary = "The conversation, oldest first")
    public Page<CommentResponse> comments(@RestPath long id, @BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(comments.comments(id, request, caller.get()).orElseThrow(() -> notFound(id)), request,
                c -> Cursor.of(c.createdAt, c.id), CommentResponse::of);
    }

    @GET
    @Path("/history")
    @Operation(operationId = "listIncidentHistory",
            summary = "Every change to the incident, oldest first: who, when, what and why")
    public Page<HistoryEntryResponse> history(@RestPath long id, @BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(incidents.history(id, request, caller.get()).orElseThrow(() -> notFound(id)), request,
                e -> Cursor.of(e.occurredAt, e.id), HistoryEntryResponse::of);
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No incident " + id + " in your scope.");
    }
}

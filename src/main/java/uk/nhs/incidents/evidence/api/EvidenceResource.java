package uk.nhs.incidents.evidence.api;

import io.quarkus.security.Authenticated;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriBuilder;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import uk.nhs.incidents.common.paging.Cursor;
import uk.nhs.incidents.common.paging.Page;
import uk.nhs.incidents.common.paging.PageParameters;
import uk.nhs.incidents.common.paging.PageRequest;
import uk.nhs.incidents.common.paging.QueryValues;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.NotFoundException;
import uk.nhs.incidents.common.problem.UnsupportedContentCodingException;
import uk.nhs.incidents.evidence.data.Evidence;
import uk.nhs.incidents.evidence.domain.DeclaredDigest;
import uk.nhs.incidents.evidence.domain.DeclaredTypes;
import uk.nhs.incidents.evidence.domain.EvidenceKind;
import uk.nhs.incidents.evidence.service.DownloadConditions;
import uk.nhs.incidents.evidence.service.EvidenceChanges;
import uk.nhs.incidents.evidence.service.EvidenceQueries;
import uk.nhs.incidents.evidence.service.EvidenceUploads;
import uk.nhs.incidents.evidence.service.TransferLimits;
import uk.nhs.incidents.security.CurrentCaller;
import uk.nhs.incidents.security.OnIncidents;
import uk.nhs.incidents.security.Roles;

@Path("/api/v1/incidents/{id}/evidence")
@Tag(name = "Evidence", description = "Call reports, call recordings, screenshots and logs")
@Authenticated
@OnIncidents
public class EvidenceResource {

    private final EvidenceQueries service;
    private final EvidenceUploads uploads;
    private final EvidenceChanges changes;
    private final CurrentCaller caller;
    private final TransferLimits transfers;

    EvidenceResource(EvidenceQueries service, EvidenceUploads uploads, EvidenceChanges changes, CurrentCaller caller,
            TransferLimits transfers) {
        this.service = service;
        this.uploads = uploads;
        this.changes = changes;
        this.caller = caller;
        this.transfers = transfers;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "Stored; Location names the evidence",
            content = @Content(schema = @Schema(implementation = EvidenceResponse.class)))
    @APIResponse(responseCode = "200", description = "Your organisation added this very file (same kind, name "
            + "and SHA-256) to the incident already, as a retry whose answer was lost does: that evidence, unchanged; "
            + "Content-Location names it",
            content = @Content(schema = @Schema(implementation = EvidenceResponse.class)))
    @APIResponse(responseCode = "400", description = "A bad parameter, a Content-Type that is missing or not one "
            + "concrete media type, or a Repr-Digest or Content-Digest whose sha-256 is malformed or not the file "
            + "received's; see violations")
    @APIResponse(responseCode = "408", description = "Nothing arrived for incidents.evidence.upload.idle-timeout, or, "
            + "once the upload had lasted that long, it had arrived slower than "
            + "incidents.evidence.upload.min-bytes-per-second on average; the connection is closed")
    @APIResponse(responseCode = "409", description = "The incident is closed or cancelled")
    @APIResponse(responseCode = "413", description = "The declared or received size is over "
            + "incidents.evidence.max-size")
    @APIResponse(responseCode = "415", description = "The declared Content-Type, or the type the file's leading bytes "
            + "show, is not accepted for the kind; or the body is sent with a Content-Encoding (send the file as it "
            + "is)")
    @APIResponse(responseCode = "429", description = "The caller's organisation, or the service, has as many uploads "
            + "in progress as it takes; try again after Retry-After")
    @APIResponse(responseCode = "503", description = "The database cannot be reached, or the service cannot hold "
            + "uploads just now")
    @Operation(operationId = "uploadEvidence",
            summary = "Upload evidence: the body is the file, its Content-Type the file's type",
            description = "The Content-Type must be one the kind accepts (incidents.evidence.allowed-types; by default "
                    + "audio/* for call recordings, PNG, JPEG, GIF or WebP for screenshots, text, CSV, JSON, gzip or "
                    + "ZIP for logs), and the file's leading bytes must agree with it. A Content-Length over the limit "
                    + "is refused before the body is read. A refused upload leaves nothing behind.")
    public Response upload(@RestPath long id,
            @Parameter(required = true, schema = @Schema(implementation = EvidenceKind.class)) @RestQuery String kind,
            @Parameter(required = true, description = "The file's name; kept as metadata only") @RestQuery String filename,
            @RestQuery @Size(max = 2000) String description,
            @RestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            @Parameter(hidden = true) @RestHeader(HttpHeaders.CONTENT_ENCODING) List<String> contentEncoding,
            @Parameter(description = "The file's digests (RFC 9530), such as sha-256=:<base64>:; a sha-256 given "
                    + "must be the file's", schema = @Schema(type = SchemaType.STRING))
            @RestHeader(DeclaredDigest.REPR_DIGEST) List<String> reprDigest,
            @Parameter(description = "As Repr-Digest: no content coding is taken, so both are the file's",
                    schema = @Schema(type = SchemaType.STRING))
            @RestHeader(DeclaredDigest.CONTENT_DIGEST) List<String> contentDigest,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.WILDCARD,
                    schema = @Schema(type = SchemaType.STRING, format = "binary"))) InputStream body) {
        requireIdentity(contentEncoding);
        EvidenceKind evidenceKind = QueryValues.enumValue("kind", kind, EvidenceKind.class)
                .orElseThrow(() -> new InvalidInputException("kind", "is required"));
        DeclaredDigest.Declared digest = DeclaredDigest.sha256(Map.of(DeclaredDigest.REPR_DIGEST, reprDigest,
                DeclaredDigest.CONTENT_DIGEST, contentDigest)).orElse(null);
        EvidenceChanges.Upload upload = new EvidenceChanges.Upload(evidenceKind, filename, fileType(contentType),
                description, contentLength, digest);
        EvidenceChanges.Stored stored = uploads.upload(id, upload, body, caller.get()).orElseThrow(() -> notFound(id));
        URI location = UriBuilder.fromResource(EvidenceResource.class).path("{evidenceId}")
                .build(id, stored.evidence().id);
        Response.ResponseBuilder answer = stored.created() ? Response.created(location)
                : Response.ok().header(HttpHeaders.CONTENT_LOCATION, location);
        return answer.type(MediaType.APPLICATION_JSON).entity(EvidenceResponse.of(stored.evidence())).build();
    }

    /** Any coding but identity, on any of the header's lines, is refused: the file is stored as it is sent. */
    private static void requireIdentity(List<String> contentEncoding) {
        UnsupportedContentCodingException.refusedOf(contentEncoding).ifPresent(coding -> {
            throw new UnsupportedContentCodingException(coding,
                    "send the file as it is, without Content-Encoding (a gzip file as application/gzip).");
        });
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listEvidence", summary = "List the incident's evidence, oldest first: metadata only")
    public Page<EvidenceResponse> list(@RestPath long id, @BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(service.list(id, request, caller.get()).orElseThrow(() -> notFound(id)), request,
                e -> Cursor.of(e.uploadedAt, e.id), EvidenceResponse::of);
    }

    @GET
    @Path("/{evidenceId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getEvidence", summary = "One piece of evidence: metadata only")
    public EvidenceResponse get(@RestPath long id, @RestPath long evidenceId) {
        return service.find(id, evidenceId, caller.get()).map(EvidenceResponse::of)
                .orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("/{evidenceId}/content")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "200", description = "The whole file, of the type it was stored with", headers = {
            @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            @Header(name = "Repr-Digest", ref = "Repr-Digest"),
            @Header(name = "Accept-Ranges", ref = "Accept-Ranges"),
            @Header(name = "Content-Disposition", ref = "Content-Disposition")},
            content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING,
                    format = "binary")))
    @APIResponse(responseCode = "206", description = "The requested range", headers = {
            @Header(name = "Content-Range", ref = "Content-Range"),
            @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            @Header(name = "Repr-Digest", ref = "Repr-Digest"),
            @Header(name = "Accept-Ranges", ref = "Accept-Ranges"),
            @Header(name = "Content-Disposition", ref = "Content-Disposition")},
            content = @Content(mediaType = MediaType.WILDCARD, schema = @Schema(type = SchemaType.STRING,
                    format = "binary")))
    @APIResponse(responseCode = "304", description = "If-None-Match names the content's ETag: not sent, not logged",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG))
    @APIResponse(responseCode = "410", description = "The content was removed by an admin; the detail gives the reason")
    @APIResponse(responseCode = "412", description = "If-Match does not name the content's ETag")
    @APIResponse(responseCode = "429", description = "The caller's organisation, or the service, has as many "
            + "downloads in progress as it takes; try again after Retry-After")
    @APIResponse(responseCode = "416", description = "The range starts past the end of the file",
            headers = @Header(name = "Content-Range", ref = "Content-Range"))
    @Operation(operationId = "downloadEvidenceContent",
            summary = "Download evidence; every download is logged",
            description = "Supports a single Range, and If-Range with the ETag (another tag, or a date, gets the whole "
                    + "file). ETag and Repr-Digest carry the SHA-256; content that no longer "
                    + "matches it is never served (500). Content is for the reporter, the supplier, the accountable "
                    + "party and the party waited on (403 for other parties, which see the metadata).")
    public Response content(@RestPath long id, @RestPath long evidenceId,
            @Parameter(description = "One byte range, e.g. bytes=0-1048575, bytes=1048576- or bytes=-500; several "
                    + "ranges, or another unit, get the whole file") @RestHeader("Range") String range,
            @Parameter(description = "The range is served only if this is the content's ETag")
            @RestHeader("If-Range") String ifRange,
            @Parameter(description = "Served only if the content's ETag is among these (412 otherwise)")
            @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "Not served, nor logged, if the content's ETag is among these (304 instead)")
            @RestHeader(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context HttpServerRequest http,
            @Context RoutingContext exchange) {
        // Taken before the download is logged (a refused one is not), and held until the answer ends however it
        // ends: sent, failed, or its client gone before or while its body was written.
        TransferLimits.Slot slot = transfers.download(caller.get().organisation(), http);
        exchange.addEndHandler(ended -> slot.close());
        EvidenceQueries.Download download = service.download(id, evidenceId, range, ifRange,
                new DownloadConditions(ifMatch, ifNoneMatch), caller.get()).orElseThrow(() -> notFound(id));
        Evidence evidence = download.evidence();
        if (download.unsent()) {
            return notModified(evidence);
        }
        StreamingOutput stream = new DownloadStream(http, out -> service.stream(download, out));
        Response.ResponseBuilder response = download.range()
                .map(r -> Response.status(206).header("Content-Range", r.contentRange(evidence.size))
                        .header(HttpHeaders.CONTENT_LENGTH, r.length()))
                .orElseGet(() -> Response.ok().header(HttpHeaders.CONTENT_LENGTH, evidence.size));
        return described(response.entity(stream), evidence).build();
    }

    /**
     * The caller holds the content already: its tag without it (RFC 9110 15.4.5), and the 200's caching, which every
     * answer has ({@link uk.nhs.incidents.common.http.NotKept}).
     */
    private static Response notModified(Evidence evidence) {
        return Response.notModified().header(HttpHeaders.ETAG, evidence.etag()).build();
    }

    /** Without this, HEAD would be answered by the GET above: a logged download, its content read and checked. */
    @HEAD
    @Path("/{evidenceId}/content")
    @Produces(MediaType.WILDCARD)
    @APIResponse(responseCode = "200", description = "The headers of the whole file, without it", headers = {
            @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG),
            @Header(name = "Repr-Digest", ref = "Repr-Digest"),
            @Header(name = "Accept-Ranges", ref = "Accept-Ranges"),
            @Header(name = "Content-Disposition", ref = "Content-Disposition")})
    @APIResponse(responseCode = "304", description = "If-None-Match names the content's ETag",
            headers = @Header(name = HttpHeaders.ETAG, ref = HttpHeaders.ETAG))
    @APIResponse(responseCode = "410", description = "The content was removed by an admin; the detail gives the reason")
    @APIResponse(responseCode = "412", description = "If-Match does not name the content's ETag")
    @Operation(operationId = "getEvidenceContentHeaders",
            summary = "What a download would be (length, type, name, SHA-256), without the content; not logged")
    public Response contentHeaders(@RestPath long id, @RestPath long evidenceId,
            @Parameter(description = "Answered only if the content's ETag is among these (412 otherwise)")
            @RestHeader(HttpHeaders.IF_MATCH) String ifMatch,
            @Parameter(description = "304 if the content's ETag is among these")
            @RestHeader(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Evidence evidence = service.downloadable(id, evidenceId, caller.get()).orElseThrow(() -> notFound(id));
        if (!new DownloadConditions(ifMatch, ifNoneMatch).send(evidence.etag())) {
            return notModified(evidence);
        }
        return described(Response.ok().header(HttpHeaders.CONTENT_LENGTH, evidence.size), evidence).build();
    }

    @GET
    @Path("/{evidenceId}/access-log")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listEvidenceAccessLog",
            summary = "Who downloaded the evidence, when, oldest first (accountable party and admins)")
    public Page<EvidenceAccessResponse> accessLog(@RestPath long id, @RestPath long evidenceId,
            @BeanParam PageParameters page) {
        PageRequest request = page.request();
        return Page.of(service.accessLog(id, evidenceId, request, caller.get()).orElseThrow(() -> notFound(id)),
                request, a -> Cursor.of(a.accessedAt, a.id), EvidenceAccessResponse::of);
    }

    @POST
    @Path("/{evidenceId}/removal")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @APIResponse(responseCode = "200", description = "The evidence's record, with the removal")
    @APIResponse(responseCode = "410", description = "The content was already removed")
    @Operation(operationId = "removeEvidenceContent",
            summary = "Remove evidence content for good, with a reason (admin); the record stays")
    public EvidenceResponse remove(@RestPath long id, @RestPath long evidenceId,
            @NotNull @Valid RemovalRequest request) {
        return changes.remove(id, evidenceId, request.reason(), caller.get()).map(EvidenceResponse::of)
                .orElseThrow(() -> notFound(id));
    }

    /** The headers that describe the evidence's content, on a download and on a HEAD alike. */
    private static Response.ResponseBuilder described(Response.ResponseBuilder response, Evidence evidence) {
        return response.type(evidence.contentType)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.ETAG, evidence.etag())
                .header(DeclaredDigest.REPR_DIGEST, DeclaredDigest.of(evidence.sha256))
                .header("Content-Disposition", disposition(evidence.filename))
                // Never run as a page; kept by no cache and read only as its type, as every answer (NotKept).
                .header("Content-Security-Policy", "sandbox");
    }

    /**
     * The declared type of the file, as stored ({@link DeclaredTypes#canonical}): one concrete type/subtype, with
     * well-formed parameters if any, and at most one charset, one the service knows.
     */
    private static String fileType(String contentType) {
        if (contentType == null || contentType.length() > 255 || !DeclaredTypes.isMediaType(contentType)) {
            throw new InvalidInputException("Content-Type", "must give the file's type, such as audio/wav, in at most "
                    + "255 characters");
        }
        return DeclaredTypes.canonical(contentType).orElseThrow(() -> new InvalidInputException("Content-Type",
                "may give one charset, one of those the service knows, such as utf-8 or windows-1252"));
    }

    private static String disposition(String filename) {
        String ascii = filename.replaceAll("[^\\x20-\\x7E]", "_").replace("\\", "_").replace("\"", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(filename, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No such evidence on incident " + id + " in your scope.");
    }
}

package uk.nhs.incidents.common.problem;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.util.ClassUtil;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.CharConversionException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.hibernate.exception.ConstraintViolationException.ConstraintKind;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import uk.nhs.incidents.common.database.DatabaseOutage;
import uk.nhs.incidents.common.json.UnsafeTextException;
import uk.nhs.incidents.common.lang.Causes;
import uk.nhs.incidents.common.logging.LogText;

/**
 * The one place where exceptions become HTTP answers. Every 4xx and 5xx leaves here as an RFC 9457 problem, so
 * integrators never see a stack trace or an HTML page, whatever failed.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String TYPE_PREFIX = "urn:nhs-incidents:problem:";
    /** The field a problem names when it concerns the body as a whole. */
    private static final String BODY = "body";
    private static final Set<Class<?>> INTEGRAL = Set.of(Integer.class, Long.class, Short.class, Byte.class,
            BigInteger.class);
    /** What a value read from text of the wrong form was meant to be, in the contract's words. */
    private static final Map<Class<?>, String> TEXT_FORMATS = Map.of(Instant.class, "date-time with an offset",
            OffsetDateTime.class, "date-time with an offset", LocalDate.class, "date (YYYY-MM-DD)", UUID.class, "UUID",
            Duration.class, "ISO 8601 duration", Boolean.class, "boolean");
    /** Seconds a client should wait after a database outage; PostgreSQL restarts in a few. */
    static final String RETRY_DATABASE_AFTER = "5";

    private final DatabaseOutage outage;
    private final RouteTable routes;

    ProblemMapper(DatabaseOutage outage, RouteTable routes) {
        this.outage = outage;
        this.routes = routes;
    }

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        Response.ResponseBuilder builder = Response.fromResponse(
                respond(e.status(), e.type(), e.title(), e.getMessage(), uri, e.violations()));
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field).thenComparing(Problem.Violation::message))
                .toList();
        return respond(400, "validation", "Invalid request", "The request has invalid fields; see violations.", uri,
                violations);
    }

    /**
     * JSON that cannot be read: malformed, a field given twice, or a number beyond what its field holds (valid JSON,
     * so a validation problem), naming the field where reading stopped when there is one.
     */
    @ServerExceptionMapper
    public Response unreadableJson(StreamReadException e, UriInfo uri) {
        Optional<String> field = jsonPath(e);
        if (e instanceof InputCoercionException) {
            String message = "The number is beyond what the field holds.";
            return respond(400, "validation", "Invalid request", message, uri,
                    List.of(new Problem.Violation(field.orElse(BODY), message)));
        }
        String message = MalformedJsonException.unreadable(e.getOriginalMessage());
        return malformedJson(message, uri,
                field.map(name -> List.of(new Problem.Violation(name, message))).orElse(List.of()));
    }

    /**
     * A body whose bytes encode no character in the encoding the parser took them for (a UTF-32 body holding a code
     * point beyond Unicode's; broken UTF-8 is a {@link StreamReadException}).
     */
    @ServerExceptionMapper
    public Response undecodableJson(CharConversionException e, UriInfo uri) {
        return malformedJson("The body's bytes are not JSON text.", uri, List.of());
    }

    /** Declared apart from its parent type because Quarkus ships its own mapper for exactly this type. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unmappableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        // Bytes that encode no character, or a number beyond the parser's limits, inside a value reach here wrapped
        // with the value's path.
        Optional<Response> unread = unreadable(e.getCause(), uri);
        if (unread.isPresent()) {
            return unread.get();
        }
        if (e.getPath().isEmpty() && MalformedJsonException.isTrailingValue(e)) {
            return malformedJson(MalformedJsonException.MORE_THAN_ONE_VALUE, uri, List.of());
        }
        String field = jsonPath(e);
        String message = describe(e);
        return respond(400, "validation", "Invalid request", message, uri,
                List.of(new Problem.Violation(field, message)));
    }

    /** What the parser could not read, where another exception (the framework's 400, a value's path) wraps it. */
    private Optional<Response> unreadable(Throwable cause, UriInfo uri) {
        if (cause instanceof StreamReadException unreadable) {
            return Optional.of(unreadableJson(unreadable, uri));
        }
        if (cause instanceof StreamConstraintsException limits) {
            return Optional.of(outsideJsonLimits(limits, uri));
        }
        return Optional.empty();
    }

    /** JSON beyond the parser's limits, such as a number of over a thousand digits. */
    @ServerExceptionMapper
    public Response outsideJsonLimits(StreamConstraintsException e, UriInfo uri) {
        return malformedJson(MalformedJsonException.BEYOND_LIMITS, uri, List.of());
    }

    private static Response malformedJson(String detail, UriInfo uri, List<Problem.Violation> violations) {
        return respond(400, MalformedJsonException.TYPE, MalformedJsonException.TITLE, detail, uri, violations);
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e, UriInfo uri) {
        return unauthorised(uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorised(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(403, "forbidden", "Forbidden", "Your role does not allow this action.", uri, List.of());
    }

    /**
     * An answer the framework chose; JSON it could not read reaches here wrapped in a 400, and is answered as it is
     * when it is not wrapped.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri, Request request) {
        Optional<Response> unread = unreadable(e.getCause(), uri);
        if (unread.isPresent()) {
            return unread.get();
        }
        if (e.getCause() instanceof JsonMappingException unmappable) {
            return unmappableJson(unmappable, uri);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() == 404 || status.getStatusCode() == 405) {
            Optional<Response> wrongMethod = wrongMethod(uri, request.getMethod());
            if (wrongMethod.isPresent()) {
                return wrongMethod.get();
            }
        }
        String detail = status.getStatusCode() == 404 ? "No resource at this path." : e.getMessage();
        Response problem = respond(status.getStatusCode(), slug(status.getReasonPhrase()), status.getReasonPhrase(),
                detail, uri, List.of());
        return copyHeaders(e.getResponse(), problem);
    }

    /**
     * A 405 naming, in {@code Allow}, the methods the path answers, where it answers others but not {@code method}:
     * the framework says 404 when several resource classes share the path's start, and its own 405 names none. A 404
     * for a method the path answers (an id that is not a number) stays one. The path is matched as sent, encoded: a
     * {@code %2F} inside a value is no separator.
     */
    private Optional<Response> wrongMethod(UriInfo uri, String method) {
        Set<String> answered = routes.methodsAt(uri.getRequestUri().getRawPath());
        if (answered.isEmpty() || answered.contains(method)) {
            return Optional.empty();
        }
        return Optional.of(Response.fromResponse(respond(405, "method-not-allowed", "Method Not Allowed",
                method + " is not answered at this path; it answers " + String.join(", ", answered) + ".", uri,
                List.of()))
                .header(HttpHeaders.ALLOW, String.join(", ", answered)).build());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isConcurrencyConflict(e)) {
            return respond(409, "concurrent-change", "Concurrent change",
                    "Another change to the same data was made at the same moment; read it again and retry.", uri,
                    List.of());
        }
        if (DatabaseOutage.isUnreachable(e)) {
            outage.met(e);
            return Response.fromResponse(respond(503, "database-unavailable", "Service unavailable",
                    "The database cannot be reached just now; retry shortly.", uri, List.of()))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_DATABASE_AFTER).build();
        }
        if (clientWentAway(e)) {
            // Nobody is left to answer, and nothing failed on the service's side: not an error to page anyone for,
            // but a line, as an answer (a download) that did not complete.
            LOG.infof("The client closed the connection on %s before its answer", LogText.of(uri.getPath()));
            return respond(400, "connection-closed", "Connection closed",
                    "The connection was closed before the answer.", uri, List.of());
        }
        String incidentId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", incidentId, LogText.of(uri.getPath()));
        return respond(500, "internal", "Internal error",
                "The service failed unexpectedly; quote error id " + incidentId + " to support.", uri, List.of());
    }

    /** The client closed the connection while its request was read or answered. */
    static boolean clientWentAway(Throwable e) {
        return Causes.any(e, t -> t instanceof ClientLeft || t instanceof io.vertx.core.http.HttpClosedException
                || t instanceof java.nio.channels.ClosedChannelException);
    }

    /**
     * Lost races the database settled (a stale version, a duplicate key, a row gone, a deadlock victim): the caller
     * may retry. A null a column refuses, or a value a check refuses, is none: no retry mends it, and it must reach
     * the log as the service's own failure.
     */
    static boolean isConcurrencyConflict(Throwable e) {
        return Causes.any(e, t -> t instanceof jakarta.persistence.OptimisticLockException
                || t instanceof org.hibernate.StaleStateException
                || t instanceof org.hibernate.exception.ConstraintViolationException violation
                        && (violation.getKind() == ConstraintKind.UNIQUE
                                || violation.getKind() == ConstraintKind.FOREIGN_KEY)
                || t instanceof org.hibernate.exception.LockAcquisitionException);
    }

    private Response unauthorised(UriInfo uri) {
        return Response.fromResponse(respond(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required.", uri, List.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    /** A problem for an answer given below JAX-RS, where this mapper never runs, in the same form. */
    public static Problem problem(int status, String type, String title, String detail) {
        return new Problem(URI.create(TYPE_PREFIX + type), title, status, detail, null, List.of());
    }

    private static Response respond(int status, String type, String title, String detail, UriInfo uri,
            List<Problem.Violation> violations) {
        Problem problem = new Problem(URI.create(TYPE_PREFIX + type), title, status, detail,
                URI.create(uri.getRequestUri().getRawPath()), violations);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Response copyHeaders(Response from, Response to) {
        Response.ResponseBuilder builder = Response.fromResponse(to);
        from.getStringHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        return builder.build();
    }

    /**
     * The bean property path without the Java method and parameter names ({@code events[0]} for an item of a list),
     * or the parameter for a query value.
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        String property = nodes.stream()
                .filter(n -> n.getKind() == ElementKind.PROPERTY || n.getKind() == ElementKind.CONTAINER_ELEMENT)
                // A node's index is its bean's place in the list before it: rules[0].minSeverity, not minSeverity[0].
                .map(n -> n.getKind() == ElementKind.CONTAINER_ELEMENT ? "[" + n.getIndex() + "]"
                        : n.getIndex() != null ? "[" + n.getIndex() + "]." + n.getName() : n.getName())
                .filter(name -> name != null && !name.isEmpty())
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (!property.isEmpty()) {
            return property;
        }
        return nodes.stream().filter(n -> n.getKind() == ElementKind.PARAMETER).map(Path.Node::getName)
                .reduce((first, second) -> second).orElse(BODY);
    }

    private static String jsonPath(JsonMappingException e) {
        List<String> names = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]").toList();
        return names.isEmpty() ? BODY : joined(names);
    }

    /**
     * Where the parser stopped: the field whose value it was reading, within the objects and arrays around it;
     * nothing before the first field.
     */
    private static Optional<String> jsonPath(StreamReadException e) {
        List<String> names = new ArrayList<>();
        JsonStreamContext context = e.getProcessor() == null ? null : e.getProcessor().getParsingContext();
        for (; context != null && !context.inRoot(); context = context.getParent()) {
            String name = context.inArray() ? "[" + context.getCurrentIndex() + "]" : context.getCurrentName();
            if (name != null) {
                names.add(0, name);
            }
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(joined(names));
    }

    private static String joined(List<String> names) {
        return String.join(".", names).replace(".[", "[");
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof UnsafeTextException) {
            return e.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException u) {
            return "Unknown field '" + u.getPropertyName() + "'.";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null && f.getTargetType().isEnum()) {
            return "'" + f.getValue() + "' is not one of " + Arrays.toString(f.getTargetType().getEnumConstants()) + ".";
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            return "'" + f.getValue() + "' is not a valid " + valueName(f.getTargetType()) + ".";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "Expected " + jsonType(m.getTargetType()) + ".";
        }
        return "The body does not match the expected structure.";
    }

    /** The JSON a Java type is read from, as a client knows it: the service's class names are not the contract's. */
    private static String jsonType(Class<?> type) {
        Class<?> boxed = boxed(type);
        if (Collection.class.isAssignableFrom(boxed) || boxed.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(boxed)) {
            return "an object";
        }
        if (Number.class.isAssignableFrom(boxed)) {
            return INTEGRAL.contains(boxed) ? "an integer" : "a number";
        }
        if (boxed == Boolean.class) {
            return "true or false";
        }
        // Text, codes, and the JDK's values written as text (instants, dates, durations, ids).
        return CharSequence.class.isAssignableFrom(boxed) || boxed.isEnum() || boxed.getName().startsWith("java.")
                ? "a string" : "an object";
    }

    /** What a text of the wrong form was meant to be, in the contract's words. */
    private static String valueName(Class<?> type) {
        Class<?> boxed = boxed(type);
        if (Number.class.isAssignableFrom(boxed)) {
            return INTEGRAL.contains(boxed) ? "integer" : "number";
        }
        return TEXT_FORMATS.getOrDefault(boxed, "value");
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? ClassUtil.wrapperType(type) : type;
    }

    private static String slug(String reason) {
        return reason.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}

package uk.nhs.incidents.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import uk.nhs.incidents.common.config.SettingsBound;
import uk.nhs.incidents.common.limits.Shares;
import uk.nhs.incidents.common.problem.ProblemMapper;
import uk.nhs.incidents.common.problem.TooManyRequestsException;
import uk.nhs.incidents.security.CurrentCaller;

/**
 * Takes in a JSON body whole on the event loop, as it arrives, before the request goes to its resource method on a
 * worker thread. The framework reads a blocking method's body on that worker, blocking: a client that stopped sending
 * half-way held the thread until {@link JsonBodyDeadline} cut the request, and a couple of hundred such clients at once
 * held every worker, so that the API stopped answering. Taken in here, a body still arriving holds no thread, only the
 * bytes it has sent until the deadline, and the framework reads it from memory.
 * <p>
 * Only an authenticated caller's body is taken in (the token is verified here, once for the request): an anonymous
 * one or one with a bad token is refused by the API unread, as before. Bodies held at once are counted by their
 * announced lengths, per organisation ({@code incidents.http.json-body-memory-per-organisation}) and in total
 * ({@code .json-body-memory}); one beyond is answered 429 with Retry-After, before it is read, so that neither many
 * stalled bodies nor one organisation's can take the memory, or the workers, from the others. Bodies of unannounced
 * length (chunked, refused by {@link JsonSizeLimit}), bodies over the limit (refused unread), bodies of another type
 * than JSON (refused unread, or ignored) and evidence uploads (streamed to the spool) pass as they are. (Over HTTP/2,
 * which the service does not speak, Quarkus REST would fail every body taken in here: it pauses the request, which
 * Vert.x refuses for an HTTP/2 request already read.)
 */
@ApplicationScoped
public class JsonBodyBuffer {

    /**
     * After Quarkus's security routes (order -200, which puts the request's deferred identity in its context, and
     * -100, the path permissions), before the API's.
     */
    static final int ORDER = -50;

    /** Answers nothing: a refused token is answered by the API, whose mapper writes the problem. */
    private static final BiConsumer<RoutingContext, Throwable> LEAVE_TO_THE_API = (context, failure) -> {
    };

    private final HttpConfig config;
    private final ObjectMapper json;
    private final long limit;
    private final BodyHandler takeIn;
    private final Shares memory;

    JsonBodyBuffer(HttpConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.limit = config.maxJsonSize().asLongValue();
        this.takeIn = BodyHandler.create(false).setBodyLimit(limit).setMergeFormAttributes(false);
        this.memory = new Shares("bytes of JSON bodies", config.jsonBodyMemoryPerOrganisation().asLongValue(),
                config.jsonBodyMemory().asLongValue(), config.jsonBodyRetryAfter());
    }

    void check(@Observes StartupEvent event) {
        SettingsBound.hold(refusal(limit, config.jsonBodyMemoryPerOrganisation().asLongValue(), "-per-organisation"));
        SettingsBound.hold(refusal(limit, config.jsonBodyMemory().asLongValue(), ""));
    }

    /** Why a share of body memory cannot work with the largest JSON body; empty when it can. */
    static Optional<String> refusal(long maxJsonSize, long share, String which) {
        return share >= maxJsonSize ? Optional.empty()
                : Optional.of("incidents.http.json-body-memory" + which + "=" + share + " is below "
                        + "incidents.http.max-json-size=" + maxJsonSize
                        + ": the largest bodies would always be refused");
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::route).failureHandler(this::expectationFailed);
    }

    private void route(RoutingContext context) {
        long length = AnnouncedLength.of(context.request()).orElse(0);
        Uni<SecurityIdentity> caller = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (length <= 0 || length > limit || caller == null
                || !isJson(context.request().getHeader(HttpHeaders.CONTENT_TYPE))
                || JsonSizeLimit.isEvidenceUpload(context.normalizedPath())) {
            context.next();
            return;
        }
        // Verifying the token here would have the HTTP layer's failure handler answer a bad one, bare.
        Object answerFailure = context.get(QuarkusHttpUser.AUTH_FAILURE_HANDLER);
        context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, LEAVE_TO_THE_API);
        AtomicReference<Shares.Held> taken = new AtomicReference<>();
        context.addEndHandler(ended -> Optional.ofNullable(taken.get()).ifPresent(Shares.Held::close));
        // The token may be verified on a worker thread (a key fetched from a URL): back to the request's loop.
        Context loop = Vertx.currentContext();
        caller.subscribe().with(identity -> loop.runOnContext(ignored -> {
            context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, answerFailure);
            takeInFor(context, identity, length, taken);
        }), failed -> loop.runOnContext(ignored -> {
            context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, answerFailure);
            if (!answered(context)) {
                context.next();
            }
        }));
    }

    /**
     * Whether a body of this type is one the API reads as JSON: sent as JSON or a JSON-based type (a merge patch), or
     * with no type (read as JSON all the same). Any other is refused unread by the API (415), or ignored where no body
     * is read; taken in here, a form would be decoded as one (a GET with a form body waited for the deadline, and a
     * malformed form failed bare).
     */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
    }

    /** The one expectation the service meets is 100-continue; the body handler refuses others bare, 417. */
    private void expectationFailed(RoutingContext context) {
        if (context.statusCode() != 417 || context.response().headWritten()) {
            context.next();
            return;
        }
        RouteProblems.answer(context, json, ProblemMapper.problem(417, "expectation-failed", "Expectation failed",
                "The only expectation the service meets is Expect: 100-continue."));
    }

    private static boolean answered(RoutingContext context) {
        return context.response().closed() || context.response().ended();
    }

    /** Takes the body in for an authenticated caller within its organisation's share; else leaves it to the API. */
    private void takeInFor(RoutingContext context, SecurityIdentity identity, long length,
            AtomicReference<Shares.Held> taken) {
        if (answered(context)) {
            return;
        }
        if (identity == null || identity.isAnonymous()) {
            context.next(); // refused by the API, unread
            return;
        }
        try {
            taken.set(memory.take(organisation(identity), length));
        } catch (TooManyRequestsException refused) {
            RouteProblems.answer(context, json, refused); // before the body is read, and so its connection closed
            return;
        }
        try {
            takeIn.handle(context);
        } catch (RuntimeException failed) {
            context.fail(failed); // off the router's own call, where nothing else would answer the request
        }
    }

    /** The token's organisation, which the API checks against the caller's roles; the name where none is given. */
    private static String organisation(SecurityIdentity identity) {
        return CurrentCaller.organisationOf(identity).orElse(identity.getPrincipal().getName());
    }
}

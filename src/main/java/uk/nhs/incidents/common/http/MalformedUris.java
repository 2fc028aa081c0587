package uk.nhs.incidents.common.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HexFormat;
import uk.nhs.incidents.common.problem.Problem;
import uk.nhs.incidents.common.problem.ProblemMapper;
import uk.nhs.incidents.common.text.StrictUtf8;

/**
 * Refuses a request whose URI does not parse (a broken percent-escape such as {@code ?cursor=%%%}, or a character no
 * URI may hold, in the path or the query), whose escapes encode no character, or whose query holds a bare ';', with a
 * 400 problem, before anything else reads the URI. Quarkus makes the first check ahead of every handler but answers it
 * with a bare 400, no body and no type; {@code Main} switches Quarkus's check off ({@link #QUARKUS_CHECK_OFF}) so that
 * it is made here, first of all routes.
 */
@ApplicationScoped
public class MalformedUris {

    /** The system property that turns off Quarkus's own check; read once, as Quarkus starts its HTTP layer. */
    public static final String QUARKUS_CHECK_OFF = "vertx.disableURIValidation";

    private final ObjectMapper json;

    MalformedUris(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(RequestHeadLimits.ORDER + 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String uri = context.request().uri();
        URI parsed;
        try {
            parsed = new URI(uri == null ? "" : uri);
        } catch (URISyntaxException e) {
            refuse(context, e);
            return;
        }
        int undecodable = undecodable(uri, parsed.getRawPath());
        if (undecodable < 0) {
            undecodable = undecodable(uri, parsed.getRawQuery());
        }
        if (undecodable >= 0) {
            refuse(context, new URISyntaxException(uri, "Percent-escapes that encode no character in UTF-8",
                    undecodable));
            return;
        }
        // The HTTP layer reads a bare ';' in the query as a separator, as the older HTML forms did, where most
        // proxies and clients read it as part of a value: ?filename=a;kind=OTHER would be read as two parameters.
        String query = parsed.getRawQuery();
        int semicolon = inUri(uri, query, query == null ? -1 : query.indexOf(';'));
        if (semicolon >= 0) {
            refuse(context, new URISyntaxException(uri, "A ';' in the query, which is read in more than one way; "
                    + "percent-encode it as %3B", semicolon));
            return;
        }
        context.next();
    }

    /** Where in the URI the part's first escapes that encode no character start, or -1. */
    private static int undecodable(String uri, String part) {
        return inUri(uri, part, undecodableAt(part));
    }

    /** Where in the URI the part's index {@code at} lies, or -1 for none. */
    private static int inUri(String uri, String part, int at) {
        return at < 0 ? -1 : uri.indexOf(part) + at;
    }

    /**
     * Where a run of percent-escapes of a path or query starts whose bytes are not UTF-8, or -1: decoded, a lone
     * surrogate ({@code %ED%A0%80}), an overlong form ({@code %C0%AF} for '/') or a cut character would reach the
     * service as U+FFFD, stored as if sent. Only these parts: an absolute URI's authority may hold an IPv6 zone's '%'.
     */
    private static int undecodableAt(String part) {
        int at = part == null ? -1 : part.indexOf('%');
        while (at >= 0) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int end = at;
            while (isEscape(part, end)) {
                bytes.write(HexFormat.fromHexDigits(part, end + 1, end + 3));
                end += 3;
            }
            if (StrictUtf8.decode(bytes.toByteArray()).isEmpty()) {
                return at;
            }
            at = part.indexOf('%', Math.max(end, at + 1));
        }
        return -1;
    }

    private static boolean isEscape(String text, int at) {
        return at + 2 < text.length() && text.charAt(at) == '%' && Character.digit(text.charAt(at + 1), 16) >= 0
                && Character.digit(text.charAt(at + 2), 16) >= 0;
    }

    /** Says where and why the URI broke, never echoing it: it may be anything at all. */
    private void refuse(RoutingContext context, URISyntaxException e) {
        Problem problem = ProblemMapper.problem(400, "malformed-uri", "Malformed URI", "The request's URI is not"
                + " valid: " + e.getReason().toLowerCase() + (e.getIndex() < 0 ? "" : " at index " + e.getIndex())
                + ". Percent-encode path segments and query values, '%' itself as %25.");
        RouteProblems.answerAsGiven(context, json, problem);
    }
}

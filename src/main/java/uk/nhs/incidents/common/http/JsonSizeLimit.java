package uk.nhs.incidents.common.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import uk.nhs.incidents.common.problem.LengthRequiredException;
import uk.nhs.incidents.common.problem.PayloadTooLargeException;

/**
 * The HTTP layer admits large bodies for evidence, which is streamed; every other body is JSON, read whole, so one
 * larger than {@code incidents.http.max-json-size} is refused before it is read, and one of unannounced length
 * (chunked) is refused too, as its size could not be checked first. That holds whatever the Content-Type says: a
 * body sent with none, or with the type in capitals, is still read as JSON by the method, which consumes nothing
 * else. Evidence uploads, JSON logs among them, are files, not requests, and are exempt.
 */
public class JsonSizeLimit {

    private static final Pattern EVIDENCE_UPLOAD = Pattern.compile("^/api/v1/incidents/[^/]+/evidence/?$");
    /** Matrix parameters, which the framework drops from each segment before it matches a path to its method. */
    private static final Pattern MATRIX = Pattern.compile(";[^/]*");

    private final HttpConfig config;

    JsonSizeLimit(HttpConfig config) {
        this.config = config;
    }

    /** Whether a request to {@code path} uploads evidence, streamed, rather than sending JSON. */
    static boolean isEvidenceUpload(String path) {
        return EVIDENCE_UPLOAD.matcher(MATRIX.matcher(path).replaceAll("")).matches();
    }

    @ServerRequestFilter
    public void limit(ContainerRequestContext request) {
        if (isEvidenceUpload(request.getUriInfo().getPath())) {
            return;
        }
        String transferEncoding = request.getHeaderString("Transfer-Encoding");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            throw new LengthRequiredException("Send JSON bodies with a Content-Length, not chunked.");
        }
        if (request.getLength() > config.maxJsonSize().asLongValue()) {
            throw new PayloadTooLargeException("JSON bodies may be at most " + config.maxJsonSize().asLongValue()
                    + " bytes.");
        }
    }
}

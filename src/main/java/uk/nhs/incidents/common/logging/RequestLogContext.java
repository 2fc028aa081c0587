package uk.nhs.incidents.common.logging;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Puts the request id (the caller's {@code X-Request-Id}, or a new one) and, on incident paths, the incident id
 * into the logging context of every line a request writes, and returns the request id to the caller. Only ids:
 * never personal data.
 */
public class RequestLogContext {

    public static final String REQUEST_ID = "X-Request-Id";
    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,100}$");
    private static final Pattern INCIDENT_PATH = Pattern.compile("^/api/v1/incidents/(\\d+)");

    @ServerRequestFilter(preMatching = true)
    public void enter(ContainerRequestContext request) {
        String requestId = requestId(request.getHeaderString(REQUEST_ID));
        request.setProperty(REQUEST_ID, requestId);
        MDC.put("requestId", requestId);
        Matcher incident = INCIDENT_PATH.matcher(request.getUriInfo().getPath());
        if (incident.find()) {
            MDC.put("incident", incident.group(1));
        } else {
            MDC.remove("incident");
        }
    }

    /** The caller's request id where it is one a log line may carry (a few safe characters), else a new one. */
    public static String requestId(String given) {
        return given != null && SAFE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }

    @ServerResponseFilter
    public void leave(ContainerRequestContext request, ContainerResponseContext response) {
        Object requestId = request.getProperty(REQUEST_ID);
        if (requestId != null) {
            response.getHeaders().putSingle(REQUEST_ID, requestId);
        }
        MDC.remove("requestId");
        MDC.remove("incident");
    }
}

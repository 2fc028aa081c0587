package uk.nhs.incidents.common.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * A server span per API request, continuing the caller's W3C {@code traceparent} when it sends one. Named by the
 * route template, never the concrete path, and with no personal data in its attributes.
 */
public class TracingFilter {

    private static final String SPAN = TracingFilter.class.getName() + ".span";
    private static final TextMapGetter<ContainerRequestContext> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ContainerRequestContext request) {
            return request.getHeaders().keySet();
        }

        @Override
        public String get(ContainerRequestContext request, String key) {
            return request == null ? null : request.getHeaderString(key);
        }
    };

    private final OpenTelemetry openTelemetry;

    TracingFilter(OpenTelemetry openTelemetry) {
        this.openTelemetry = openTelemetry;
    }

    @ServerRequestFilter
    public void start(ContainerRequestContext request, SimpleResourceInfo resource) {
        Context parent = openTelemetry.getPropagators().getTextMapPropagator()
                .extract(Context.root(), request, HEADERS);
        String route = route(resource);
        Span span = openTelemetry.getTracer("uk.nhs.incidents").spanBuilder(request.getMethod() + " " + route)
                .setParent(parent).setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", request.getMethod())
                .setAttribute("http.route", route)
                .startSpan();
        request.setProperty(SPAN, span);
    }

    @ServerResponseFilter
    public void end(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(SPAN) instanceof Span span) {
            span.setAttribute("http.response.status_code", response.getStatus());
            if (response.getStatus() >= 500) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
        }
    }

    private static String route(SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null) {
            return "unmatched";
        }
        String base = template(resource.getResourceClass().getAnnotation(jakarta.ws.rs.Path.class));
        String method = resource.getMethodName() == null ? "" : List.of(resource.getResourceClass().getMethods())
                .stream().filter(m -> m.getName().equals(resource.getMethodName()))
                .map(m -> template(m.getAnnotation(jakarta.ws.rs.Path.class))).findFirst().orElse("");
        return base + method;
    }

    private static String template(jakarta.ws.rs.Path path) {
        return path == null ? "" : (path.value().startsWith("/") ? path.value() : "/" + path.value());
    }
}

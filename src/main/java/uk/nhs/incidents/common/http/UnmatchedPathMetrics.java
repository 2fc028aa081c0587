package uk.nhs.incidents.common.http;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Set;
import uk.nhs.incidents.common.problem.RouteTable;

/**
 * Requests are counted by the path template their resource method declares; one answered before any method matched
 * it (a 405 for a method the path does not answer, a header refused before matching) has only its path as sent, and
 * one series per id a client makes up would grow the metrics without bound: such an API path is counted as
 * {@code UNKNOWN}. Quarkus's own switch for this ({@code suppress4xx-errors}) also drops the path of every client
 * error and every failure on a path without parameters, {@code /api/v1/incidents} among them.
 */
@Singleton
public class UnmatchedPathMetrics {

    static final String UNKNOWN = "UNKNOWN";

    @Produces
    @Singleton
    MeterFilter unmatchedApiPaths(RouteTable routes) {
        Set<String> templates = routes.templates();
        return MeterFilter.replaceTagValues("uri", uri -> uri.startsWith("/api/") && !templates.contains(uri)
                ? UNKNOWN : uri);
    }
}

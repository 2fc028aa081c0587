package uk.nhs.incidents.common.problem;

import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code OPTIONS} answered from the route table, for a caller with a valid token: the framework's own answer came
 * without one, and its {@code Allow} named the methods of the whole resource class (a POST at a path that answers 405
 * to it). A path with no route is left to the framework's 404. The answer depends on the path's shape alone, as a
 * 405's does, so it tells nothing of whether a resource exists.
 */
public class OptionsAnswer {

    private final RouteTable routes;
    private final CurrentIdentityAssociation identity;

    OptionsAnswer(RouteTable routes, CurrentIdentityAssociation identity) {
        this.routes = routes;
        this.identity = identity;
    }

    /** After {@code SingleValuedHeaders}: a repeated Authorization is refused before it is read. */
    @ServerRequestFilter(preMatching = true, priority = Priorities.USER + 2)
    public Uni<Response> answer(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        Set<String> methods = routes.methodsAt(request.getUriInfo().getRequestUri().getRawPath());
        if (methods.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identity.getDeferredIdentity().map(caller -> {
            if (caller.isAnonymous()) {
                throw new UnauthorizedException();
            }
            return Response.noContent().header(HttpHeaders.ALLOW, String.join(", ", methods)).build();
        });
    }
}

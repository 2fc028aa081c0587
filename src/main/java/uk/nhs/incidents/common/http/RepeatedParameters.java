package uk.nhs.incidents.common.http;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.Problem;

/**
 * A query parameter given twice where its endpoint takes one value ({@code ?status=NEW&status=CLOSED}) is refused,
 * naming it: taking either value would silently answer another question than the one asked. Parameters an endpoint
 * takes as a list (a report's suppliers) may be repeated. Which are single is read once per endpoint from its
 * declaration.
 */
public class RepeatedParameters {

    private final Map<Method, Set<String>> singleValued = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        MultivaluedMap<String, String> query;
        try {
            query = request.getUriInfo().getQueryParameters();
        } catch (IllegalArgumentException undecodable) {
            return; // answered where it is decoded for the endpoint
        }
        List<Problem.Violation> repeated = singleValued.computeIfAbsent(method, RepeatedParameters::singleValued)
                .stream().filter(name -> query.containsKey(name) && query.get(name).size() > 1).sorted()
                .map(name -> new Problem.Violation(name, "must be given once")).toList();
        if (!repeated.isEmpty()) {
            throw new InvalidInputException(repeated);
        }
    }

    private static Set<String> singleValued(Method method) {
        Set<String> names = new HashSet<>();
        for (Parameter parameter : method.getParameters()) {
            add(parameter, parameter.getType(), parameter.getName(), names);
        }
        return Set.copyOf(names);
    }

    private static void add(AnnotatedElement element, Class<?> type, String name, Set<String> names) {
        if (element.isAnnotationPresent(BeanParam.class)) {
            for (Class<?> declaring = type; declaring != Object.class; declaring = declaring.getSuperclass()) {
                for (Field field : declaring.getDeclaredFields()) {
                    add(field, field.getType(), field.getName(), names);
                }
            }
            return;
        }
        if (!Collection.class.isAssignableFrom(type) && !type.isArray()) {
            queryName(element, name).ifPresent(names::add);
        }
    }

    private static Optional<String> queryName(AnnotatedElement element, String name) {
        RestQuery rest = element.getAnnotation(RestQuery.class);
        if (rest != null) {
            return Optional.of(rest.value().isEmpty() ? name : rest.value());
        }
        return Optional.ofNullable(element.getAnnotation(QueryParam.class)).map(QueryParam::value);
    }
}

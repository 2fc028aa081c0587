package uk.nhs.incidents.common.http;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import uk.nhs.incidents.common.problem.InvalidInputException;
import uk.nhs.incidents.common.problem.Problem;
import uk.nhs.incidents.common.text.AsciiNumbers;
import uk.nhs.incidents.common.text.TextRules;

/**
 * Holds every decoded path and query value to {@link TextRules} as single-line text, before any endpoint reads
 * it: a NUL in {@code ?externalReference=} would otherwise reach PostgreSQL, which refuses it. And refuses a query
 * parameter given twice where its endpoint takes one value ({@code ?status=NEW&status=CLOSED}): taking either value
 * would silently answer another question than the one asked. Parameters an endpoint takes as a list (a report's
 * suppliers) may be repeated; which are single is read once per endpoint from its declaration. And refuses a parameter
 * the endpoint takes given empty ({@code ?supplierReference=}), which would be read as left out. A path whose values
 * hold a digit of another script than ASCII's names no resource (404, as for {@code /incidents/abc}): the framework
 * would read {@code /incidents/５} as incident 5 ({@link AsciiNumbers}).
 */
public class ParameterText {

    /** The query parameters an endpoint declares, and those of them it takes one value of. */
    private record Declared(Set<String> names, Set<String> single) {

        static final Declared NONE = new Declared(Set.of(), Set.of());
    }

    private final Map<Method, Declared> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        UriInfo uri = request.getUriInfo();
        if (uri.getPathParameters().values().stream().flatMap(List::stream).anyMatch(AsciiNumbers::hasOtherDigits)) {
            throw new NotFoundException();
        }
        List<Problem.Violation> violations = new ArrayList<>();
        collect(uri.getPathParameters(), violations);
        MultivaluedMap<String, String> query;
        try {
            query = uri.getQueryParameters();
        } catch (IllegalArgumentException undecodable) {
            return; // a malformed query string is answered where it is decoded for the endpoint
        }
        collect(query, violations);
        Method method = resource.getResourceMethod();
        Declared parameters = method == null ? Declared.NONE
                : declared.computeIfAbsent(method, ParameterText::declared);
        repeated(query, parameters.single(), violations);
        empty(query, parameters.names(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    private static void repeated(MultivaluedMap<String, String> query, Set<String> single,
            List<Problem.Violation> violations) {
        single.stream().filter(name -> given(query, name).count() > 1).sorted()
                .forEach(name -> violations.add(new Problem.Violation(name, "must be given once")));
    }

    /**
     * The values given for a parameter under any spelling of its name: the framework reads a name without regard to
     * case, so {@code ?STATUS=CLOSED&status=NEW} was taken at its first value, unrefused, where {@code
     * ?status=NEW&STATUS=CLOSED} was refused (and an upload's {@code Kind=OTHER&kind=LOG} stored as OTHER).
     */
    private static Stream<String> given(MultivaluedMap<String, String> query, String name) {
        return query.entrySet().stream().filter(parameter -> parameter.getKey().equalsIgnoreCase(name))
                .flatMap(parameter -> parameter.getValue().stream());
    }

    /**
     * A parameter given empty ({@code ?supplierReference=}) asks for nothing: read as left out, a linked tool looking
     * up a ticket number it does not have got the caller's whole list, as if every incident matched.
     */
    private static void empty(MultivaluedMap<String, String> query, Set<String> names,
            List<Problem.Violation> violations) {
        names.stream().filter(name -> given(query, name).anyMatch(String::isEmpty))
                .sorted().forEach(name -> violations.add(new Problem.Violation(name,
                        "must not be empty: leave the parameter out for none")));
    }

    private static void collect(MultivaluedMap<String, String> parameters, List<Problem.Violation> violations) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            String name = TextRules.singleLine(parameter.getKey(), 100);
            parameter.getValue().stream().flatMap(value -> TextRules.problem(value, false).stream()).findFirst()
                    .ifPresent(problem -> violations.add(new Problem.Violation(name, problem)));
        }
    }

    private static Declared declared(Method method) {
        Set<String> names = new HashSet<>();
        Set<String> single = new HashSet<>();
        for (Parameter parameter : method.getParameters()) {
            add(parameter, parameter.getType(), parameter.getName(), names, single);
        }
        return new Declared(Set.copyOf(names), Set.copyOf(single));
    }

    private static void add(AnnotatedElement element, Class<?> type, String name, Set<String> names,
            Set<String> single) {
        // Bean parameters are found by their @BeanParam, which every one here carries: Quarkus REST takes one without
        // it too, and its parameters would then go unchecked for repeats.
        if (element.isAnnotationPresent(BeanParam.class)) {
            for (Class<?> declaring = type; declaring != Object.class; declaring = declaring.getSuperclass()) {
                for (Field field : declaring.getDeclaredFields()) {
                    add(field, field.getType(), field.getName(), names, single);
                }
            }
            return;
        }
        queryName(element, name).ifPresent(query -> {
            names.add(query);
            if (!Collection.class.isAssignableFrom(type) && !type.isArray()) {
                single.add(query);
            }
        });
    }

    private static Optional<String> queryName(AnnotatedElement element, String name) {
        RestQuery rest = element.getAnnotation(RestQuery.class);
        if (rest != null) {
            return Optional.of(rest.value().isEmpty() ? name : rest.value());
        }
        return Optional.ofNullable(element.getAnnotation(QueryParam.class)).map(QueryParam::value);
    }
}

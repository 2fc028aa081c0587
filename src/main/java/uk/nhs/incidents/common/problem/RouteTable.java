package uk.nhs.incidents.common.problem;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The methods each path of the API answers, read from the resources' own annotations once, at start. The framework
 * answered a wrong method under {@code /incidents/{id}/}, whose start several resource classes share, with 404: a PUT
 * of the comments read as if they did not exist. The problem mapper asks here before it answers a 404.
 */
@Startup
@ApplicationScoped
public class RouteTable {

    private record Route(String template, Pattern path, String method) {
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{[^}/]+}");

    private final List<Route> routes;

    RouteTable(BeanManager beans) {
        List<Route> found = new ArrayList<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            // An interface with a path is a client's, not a resource of this service.
            if (root != null && !bean.getBeanClass().isInterface()) {
                for (Method method : bean.getBeanClass().getMethods()) {
                    String template = template(root, method);
                    verb(method).ifPresent(verb -> found.add(new Route(template, pattern(template), verb)));
                }
            }
        }
        this.routes = List.copyOf(found);
    }

    /** The methods answered at {@code path}, in alphabetical order; empty where no route has its shape. */
    Set<String> methodsAt(String path) {
        Set<String> methods = new TreeSet<>();
        routes.stream().filter(route -> route.path().matcher(path).matches()).forEach(r -> methods.add(r.method()));
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        if (!methods.isEmpty()) {
            methods.add(HttpMethod.OPTIONS); // answered by OptionsAnswer
        }
        return methods;
    }

    /** The paths of the API as its resources declare them, {@code /api/v1/incidents/{id}} for one. */
    public Set<String> templates() {
        return routes.stream().map(Route::template).collect(Collectors.toUnmodifiableSet());
    }

    private static Optional<String> verb(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return Optional.of(verb.value());
            }
        }
        return Optional.empty();
    }

    /** The class's path and the method's, joined by one slash, without one at the end. */
    private static String template(Path root, Method method) {
        Path own = method.getAnnotation(Path.class);
        return (root.value() + "/" + (own == null ? "" : own.value())).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    /** The template's shape: each {@code {name}} one segment, an optional slash at the end. */
    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        int at = 0;
        for (Matcher parameter = PARAMETER.matcher(template); parameter.find(); at = parameter.end()) {
            regex.append(Pattern.quote(template.substring(at, parameter.start()))).append("[^/]+");
        }
        return Pattern.compile(regex.append(Pattern.quote(template.substring(at))).append("/?").toString());
    }
}

package io.skyfed.broker.security;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A JAX-RS resource method as "VERB /path/{template}", read from its annotations: the key of {@link RoutePolicy}.
 * The guard and the coverage tests derive it the same way, so the table cannot drift from the code unnoticed.
 */
public record Route(String verb, String path) {

    /** The route of a resource method; empty for a method that is not one (no HTTP verb). */
    public static Optional<Route> of(Class<?> resource, Method method) {
        Optional<String> verb = Arrays.stream(method.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(m -> m != null).map(HttpMethod::value).findFirst();
        return verb.map(v -> new Route(v, join(pathOf(resource), method.getAnnotation(Path.class))));
    }

    /** Every route of a resource class, in declaration order. */
    public static List<Route> all(Class<?> resource) {
        return Arrays.stream(resource.getMethods()).map(m -> of(resource, m)).flatMap(Optional::stream).toList();
    }

    private static Path pathOf(Class<?> resource) {
        for (Class<?> c = resource; c != null; c = c.getSuperclass()) {
            Path path = c.getAnnotation(Path.class);
            if (path != null) {
                return path;
            }
        }
        return null;
    }

    private static String join(Annotation base, Path method) {
        String path = (base == null ? "" : "/" + ((Path) base).value()) + (method == null ? "" : "/" + method.value());
        return path.replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    @Override
    public String toString() {
        return verb + " " + path;
    }
}

package io.skyfed.broker.security;

import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every route of the broker's JAX-RS resources, found by reflection over every compiled class carrying
 * {@code @Path}: a resource added anywhere in the broker shows up here without anyone listing it.
 */
final class ApiRoutes {

    private ApiRoutes() {
    }

    static List<Class<?>> resources() {
        try {
            var root = Paths.get(Route.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<java.nio.file.Path> files = Files.walk(root)) {
                return files.map(root::relativize).map(java.nio.file.Path::toString)
                        .filter(name -> name.endsWith(".class") && !name.contains("$"))
                        .map(name -> name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                        .<Class<?>>map(ApiRoutes::load)
                        .filter(type -> type.isAnnotationPresent(Path.class))
                        .toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Route> all() {
        return resources().stream().flatMap(type -> Route.all(type).stream()).distinct().toList();
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiRoutes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}

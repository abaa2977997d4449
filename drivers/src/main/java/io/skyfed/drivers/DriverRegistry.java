package io.skyfed.drivers;

import io.skyfed.drivers.spi.DriverFactory;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every driver kind on the class path, keyed by its Deltacloud name. Two factories claiming one name is a
 * packaging error and fails loudly rather than letting class-path order pick one.
 */
public final class DriverRegistry {

    private final Map<String, DriverFactory> byId;

    public DriverRegistry(Collection<? extends DriverFactory> factories) {
        Map<String, DriverFactory> map = new TreeMap<>();
        for (DriverFactory factory : factories) {
            DriverFactory previous = map.putIfAbsent(factory.id(), factory);
            if (previous != null) {
                throw new IllegalStateException("two drivers are named '" + factory.id() + "': "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        this.byId = Collections.unmodifiableMap(map);
    }

    /** The drivers registered through {@code META-INF/services} on {@code loader}'s class path. */
    public static DriverRegistry load(ClassLoader loader) {
        return new DriverRegistry(ServiceLoader.load(DriverFactory.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    /** The drivers registered on the class path of this class. */
    public static DriverRegistry load() {
        return load(DriverRegistry.class.getClassLoader());
    }

    public Optional<DriverFactory> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** All drivers, ordered by name. */
    public List<DriverFactory> all() {
        return List.copyOf(byId.values());
    }
}

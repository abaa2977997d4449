package io.skyfed.drivers.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A size an instance can be created with. A profile with no properties is "opaque": the provider says nothing. */
public record HardwareProfile(String id, String name, List<HardwareProperty> properties) {

    public HardwareProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        properties = List.copyOf(properties);
    }

    public Optional<HardwareProperty> property(String propertyName) {
        return properties.stream().filter(p -> p.name().equals(propertyName)).findFirst();
    }
}

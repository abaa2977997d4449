package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.resilience.FaultPolicy;
import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Feature;
import io.skyfed.drivers.spi.InstanceStateMachine;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderHealth;
import io.skyfed.drivers.spi.ProviderSettings;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** KVM hosts (and any other libvirt hypervisor) through libvirt itself, via libvirt-java and JNA. */
public final class LibvirtDriverFactory implements DriverFactory {

    private static final Set<CollectionKind> COLLECTIONS = EnumSet.of(CollectionKind.REALMS,
            CollectionKind.HARDWARE_PROFILES, CollectionKind.IMAGES, CollectionKind.INSTANCES,
            CollectionKind.STORAGE_VOLUMES, CollectionKind.STORAGE_SNAPSHOTS);
    private static final Set<Feature> FEATURES = EnumSet.of(Feature.INSTANCE_USER_NAME);

    private final Map<String, LibvirtHost> hosts = new ConcurrentHashMap<>();

    @Override
    public String id() {
        return "libvirt";
    }

    @Override
    public String displayName() {
        return "Libvirt";
    }

    @Override
    public Set<CollectionKind> collections() {
        return COLLECTIONS;
    }

    @Override
    public Set<Feature> features() {
        return FEATURES;
    }

    @Override
    public InstanceStateMachine instanceStates() {
        return LibvirtStates.MACHINE;
    }

    @Override
    public Optional<ProviderHealth> health(String providerId) {
        return Optional.ofNullable(hosts.get(providerId)).map(h -> h.guard.health());
    }

    @Override
    public DriverSession connect(Credentials credentials, ProviderSettings provider) {
        LibvirtSettings settings;
        FaultPolicy policy;
        try {
            String uri = provider.endpointIfSet().map(Object::toString)
                    .or(() -> provider.property("uri")).orElse(null);
            settings = LibvirtSettings.from(uri, provider.properties());
            policy = FaultPolicy.fromSettings(provider.properties());
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("provider", e.getMessage());
        }
        LibvirtHost host = hosts.compute(provider.providerId(), (id, existing) -> {
            if (existing != null && existing.matches(settings, credentials)) {
                return existing;
            }
            if (existing != null) {
                existing.close();
            }
            return new LibvirtHost(id, settings, policy, credentials);
        });
        return new LibvirtSession(host, credentials.user().isEmpty() ? "libvirt" : credentials.user());
    }
}

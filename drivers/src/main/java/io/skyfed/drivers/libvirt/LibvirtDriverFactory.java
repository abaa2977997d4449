package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.resilience.FaultPolicy;
import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Feature;
import io.skyfed.drivers.spi.InstanceStateMachine;
import io.skyfed.drivers.spi.ProviderHealth;
import io.skyfed.drivers.spi.ProviderSettings;
import io.skyfed.drivers.spi.support.ProviderAccounts;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** KVM hosts (and any other libvirt hypervisor) through libvirt itself, via libvirt-java and JNA. */
public final class LibvirtDriverFactory implements DriverFactory {

    private static final Set<CollectionKind> COLLECTIONS = EnumSet.of(CollectionKind.REALMS,
            CollectionKind.HARDWARE_PROFILES, CollectionKind.IMAGES, CollectionKind.INSTANCES,
            CollectionKind.STORAGE_VOLUMES, CollectionKind.STORAGE_SNAPSHOTS);
    private static final Set<Feature> FEATURES = EnumSet.of(Feature.INSTANCE_USER_NAME);

    private final ProviderAccounts<LibvirtHost> hosts = ProviderAccounts.closing("libvirt", h -> h.guard.health());

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
        return hosts.health(providerId);
    }

    @Override
    public DriverSession connect(Credentials credentials, ProviderSettings provider) {
        LibvirtSettings settings = ProviderAccounts.checked(() -> LibvirtSettings.from(provider.endpointIfSet()
                .map(Object::toString).or(() -> provider.property("uri")).orElse(null), provider.properties()));
        FaultPolicy policy = ProviderAccounts.checked(() -> FaultPolicy.fromSettings(provider.properties()));
        LibvirtHost host = hosts.account(provider.providerId(), h -> h.matches(settings, credentials),
                id -> new LibvirtHost(id, settings, policy, credentials));
        return new LibvirtSession(host, credentials.user().isEmpty() ? "libvirt" : credentials.user());
    }
}

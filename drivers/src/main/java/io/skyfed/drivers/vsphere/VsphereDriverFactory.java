package io.skyfed.drivers.vsphere;

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

/** VMware vSphere (vCenter 7 and 8) through the vSphere Automation REST API, spoken natively with java.net.http. */
public final class VsphereDriverFactory implements DriverFactory {

    /** Volumes and snapshots (First Class Disks) are served only by providers with {@code vi-json-release}. */
    private static final Set<CollectionKind> COLLECTIONS = EnumSet.of(CollectionKind.REALMS,
            CollectionKind.HARDWARE_PROFILES, CollectionKind.IMAGES, CollectionKind.INSTANCES,
            CollectionKind.STORAGE_VOLUMES, CollectionKind.STORAGE_SNAPSHOTS);
    /** Image name and description apply when the provider names a content library (see VsphereImageService). */
    private static final Set<Feature> FEATURES = EnumSet.of(Feature.INSTANCE_USER_NAME, Feature.IMAGE_USER_NAME,
            Feature.IMAGE_USER_DESCRIPTION);

    private final ProviderAccounts<VsphereAccount> accounts = ProviderAccounts.dropping(a -> a.guard.health());

    @Override
    public String id() {
        return "vsphere";
    }

    @Override
    public String displayName() {
        return "vSphere";
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
        return VsphereStates.MACHINE;
    }

    @Override
    public Optional<ProviderHealth> health(String providerId) {
        return accounts.health(providerId);
    }

    @Override
    public DriverSession connect(Credentials credentials, ProviderSettings provider) {
        FaultPolicy policy = ProviderAccounts.checked(() -> FaultPolicy.fromSettings(provider.properties()));
        VsphereSettings settings = ProviderAccounts.checked(
                () -> VsphereSettings.from(provider.endpoint(), provider.properties(), policy.timeout()));
        return new VsphereSession(accounts.account(provider.providerId(), a -> a.matches(settings, credentials),
                id -> new VsphereAccount(id, settings, policy, credentials)));
    }
}

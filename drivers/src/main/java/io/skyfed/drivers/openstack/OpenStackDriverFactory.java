package io.skyfed.drivers.openstack;

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

/** OpenStack (public or on-premise) through jclouds' openstack-nova API, authenticating with Keystone v3. */
public final class OpenStackDriverFactory implements DriverFactory {

    private static final Set<CollectionKind> COLLECTIONS = EnumSet.of(CollectionKind.REALMS,
            CollectionKind.HARDWARE_PROFILES, CollectionKind.IMAGES, CollectionKind.INSTANCES, CollectionKind.KEYS,
            CollectionKind.BUCKETS, CollectionKind.STORAGE_VOLUMES, CollectionKind.STORAGE_SNAPSHOTS,
            CollectionKind.FIREWALLS, CollectionKind.ADDRESSES);
    private static final Set<Feature> FEATURES = EnumSet.of(Feature.INSTANCE_USER_NAME, Feature.INSTANCE_USER_DATA,
            Feature.INSTANCE_AUTHENTICATION_KEY, Feature.INSTANCE_FIREWALLS);

    private final ProviderAccounts<OpenStackAccount> accounts =
            ProviderAccounts.closing("OpenStack", a -> a.guard.health());

    @Override
    public String id() {
        return "openstack";
    }

    @Override
    public String displayName() {
        return "OpenStack";
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
        return NovaStates.MACHINE;
    }

    @Override
    public Optional<ProviderHealth> health(String providerId) {
        return accounts.health(providerId);
    }

    @Override
    public DriverSession connect(Credentials credentials, ProviderSettings provider) {
        FaultPolicy policy = ProviderAccounts.checked(() -> FaultPolicy.fromSettings(provider.properties()));
        OpenStackSettings settings = ProviderAccounts.checked(() -> OpenStackSettings.from(provider.endpoint(),
                provider.region(), provider.properties(), policy.timeout()));
        return new OpenStackSession(accounts.account(provider.providerId(), a -> a.matches(settings, credentials),
                id -> new OpenStackAccount(id, settings, policy, credentials)));
    }
}

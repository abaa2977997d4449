package io.skyfed.drivers.rhevm;

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

/**
 * oVirt and Red Hat Virtualization through the engine's REST API v4, spoken natively in JSON (no SDK), under
 * Deltacloud's driver name {@code rhevm}.
 */
public final class RhevmDriverFactory implements DriverFactory {

    private static final Set<CollectionKind> COLLECTIONS = EnumSet.of(CollectionKind.REALMS,
            CollectionKind.HARDWARE_PROFILES, CollectionKind.IMAGES, CollectionKind.INSTANCES,
            CollectionKind.STORAGE_VOLUMES, CollectionKind.STORAGE_SNAPSHOTS);
    private static final Set<Feature> FEATURES = EnumSet.of(Feature.INSTANCE_USER_NAME, Feature.INSTANCE_USER_DATA);

    private final ProviderAccounts<RhevmAccount> accounts = ProviderAccounts.dropping(a -> a.guard.health());

    @Override
    public String id() {
        return "rhevm";
    }

    @Override
    public String displayName() {
        return "RHEVM";
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
        return RhevmStates.MACHINE;
    }

    @Override
    public Optional<ProviderHealth> health(String providerId) {
        return accounts.health(providerId);
    }

    @Override
    public DriverSession connect(Credentials credentials, ProviderSettings provider) {
        // Only settings are checked here (the CA file, read by the account's client, included); nothing is sent yet.
        return ProviderAccounts.checked(() -> {
            FaultPolicy policy = FaultPolicy.fromSettings(provider.properties());
            RhevmSettings settings = RhevmSettings.from(provider.endpoint(), provider.properties(), policy.timeout());
            return new RhevmSession(accounts.account(provider.providerId(), a -> a.matches(settings, credentials),
                    id -> new RhevmAccount(id, settings, policy, credentials)));
        });
    }
}

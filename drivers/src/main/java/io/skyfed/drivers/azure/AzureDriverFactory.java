package io.skyfed.drivers.azure;

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
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Microsoft Azure Resource Manager through jclouds' azurecompute-arm, plus native Resource Manager calls where
 * jclouds has no API. Credentials are a service principal: client (application) id and client secret.
 */
public final class AzureDriverFactory implements DriverFactory {

    private static final Set<CollectionKind> COLLECTIONS = EnumSet.of(CollectionKind.REALMS,
            CollectionKind.HARDWARE_PROFILES, CollectionKind.IMAGES, CollectionKind.INSTANCES, CollectionKind.KEYS,
            CollectionKind.STORAGE_VOLUMES, CollectionKind.STORAGE_SNAPSHOTS, CollectionKind.BUCKETS,
            CollectionKind.ADDRESSES, CollectionKind.FIREWALLS);
    private static final Set<Feature> FEATURES = EnumSet.of(Feature.INSTANCE_USER_NAME, Feature.INSTANCE_USER_DATA,
            Feature.INSTANCE_AUTHENTICATION_KEY, Feature.INSTANCE_FIREWALLS);

    private final ProviderAccounts<AzureAccount> accounts =
            ProviderAccounts.closing("Azure", a -> a.guard.health());

    @Override
    public String id() {
        return "azure";
    }

    @Override
    public String displayName() {
        return "Azure";
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
        return AzureStates.MACHINE;
    }

    @Override
    public Optional<ProviderHealth> health(String providerId) {
        return accounts.health(providerId);
    }

    @Override
    public DriverSession connect(Credentials credentials, ProviderSettings provider) {
        Map<String, String> properties = ProviderAccounts.properties(provider);
        FaultPolicy policy = ProviderAccounts.checked(() -> FaultPolicy.fromSettings(properties));
        FaultPolicy transfers = ProviderAccounts.checked(
                () -> policy.forTransfers(FaultPolicy.transferTimeout(properties)));
        AzureSettings settings = ProviderAccounts.checked(() -> AzureSettings.from(properties, policy.timeout()));
        return new AzureSession(accounts.account(provider.providerId(), a -> a.matches(settings, credentials),
                id -> new AzureAccount(id, settings, policy, transfers, credentials)));
    }
}

package io.skyfed.drivers.azure;

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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Microsoft Azure Resource Manager through jclouds' azurecompute-arm, plus native Resource Manager calls where
 * jclouds has no API. Credentials are a service principal: client (application) id and client secret.
 */
public final class AzureDriverFactory implements DriverFactory {

    private static final Set<CollectionKind> COLLECTIONS = EnumSet.of(CollectionKind.REALMS,
            CollectionKind.HARDWARE_PROFILES, CollectionKind.IMAGES, CollectionKind.INSTANCES, CollectionKind.KEYS,
            CollectionKind.STORAGE_VOLUMES, CollectionKind.STORAGE_SNAPSHOTS, CollectionKind.BUCKETS);
    private static final Set<Feature> FEATURES = EnumSet.of(Feature.INSTANCE_USER_NAME, Feature.INSTANCE_USER_DATA,
            Feature.INSTANCE_AUTHENTICATION_KEY);

    private final Map<String, AzureAccount> accounts = new ConcurrentHashMap<>();

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
        return Optional.ofNullable(accounts.get(providerId)).map(a -> a.guard.health());
    }

    @Override
    public DriverSession connect(Credentials credentials, ProviderSettings provider) {
        Map<String, String> properties = new HashMap<>(provider.properties());
        provider.regionIfSet().ifPresent(r -> properties.put("region", r));
        provider.endpointIfSet().ifPresent(e -> properties.put("endpoint", e.toString()));
        FaultPolicy policy;
        FaultPolicy transfers;
        AzureSettings settings;
        try {
            policy = FaultPolicy.fromSettings(properties);
            transfers = policy.forTransfers(FaultPolicy.transferTimeout(properties));
            settings = AzureSettings.from(properties, policy.timeout());
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("provider", e.getMessage());
        }
        AzureAccount account = accounts.compute(provider.providerId(), (id, existing) -> {
            if (existing != null && existing.matches(settings, credentials)) {
                return existing;
            }
            closeQuietly(existing);
            return new AzureAccount(id, settings, policy, transfers, credentials);
        });
        return new AzureSession(account);
    }

    private static void closeQuietly(AzureAccount account) {
        if (account == null) {
            return;
        }
        try {
            account.close();
        } catch (Exception e) {
            // the replaced clients only hold idle connections; failing to close them must not fail the connect
            System.getLogger(AzureDriverFactory.class.getName()).log(System.Logger.Level.DEBUG,
                    "closing replaced Azure clients of " + account.providerId, e);
        }
    }
}

package io.skyfed.drivers.google;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Google Compute Engine (with Cloud Storage for buckets) through jclouds' google-compute-engine and
 * google-cloud-storage providers. Credentials: the service account's e-mail (or empty) and its JSON key.
 */
public final class GoogleDriverFactory implements DriverFactory {

    private static final Set<CollectionKind> COLLECTIONS = EnumSet.of(CollectionKind.REALMS,
            CollectionKind.HARDWARE_PROFILES, CollectionKind.IMAGES, CollectionKind.INSTANCES, CollectionKind.KEYS,
            CollectionKind.STORAGE_VOLUMES, CollectionKind.STORAGE_SNAPSHOTS, CollectionKind.BUCKETS,
            CollectionKind.FIREWALLS);
    private static final Set<Feature> FEATURES = EnumSet.of(Feature.INSTANCE_USER_NAME, Feature.INSTANCE_USER_DATA,
            Feature.INSTANCE_AUTHENTICATION_KEY, Feature.INSTANCE_FIREWALLS);

    private final ProviderAccounts<GoogleAccount> accounts =
            ProviderAccounts.closing("Google", a -> a.guard.health());

    @Override
    public String id() {
        return "google";
    }

    @Override
    public String displayName() {
        return "Google";
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
        return GoogleStates.MACHINE;
    }

    @Override
    public List<String> knownProviders() {
        return List.of("us-central1", "us-east1", "us-east4", "us-west1", "us-west2", "northamerica-northeast1",
                "southamerica-east1", "europe-west1", "europe-west2", "europe-west3", "europe-west4", "europe-north1",
                "asia-east1", "asia-northeast1", "asia-southeast1", "australia-southeast1");
    }

    @Override
    public Optional<ProviderHealth> health(String providerId) {
        return accounts.health(providerId);
    }

    @Override
    public DriverSession connect(Credentials credentials, ProviderSettings provider) {
        Map<String, String> properties = ProviderAccounts.properties(provider);
        ServiceAccountKey key = ProviderAccounts.checked(() -> {
            ServiceAccountKey parsed = ServiceAccountKey.parse(credentials.secret());
            if (!credentials.user().isBlank() && !credentials.user().equals(parsed.clientEmail())) {
                throw new IllegalArgumentException("google credentials: user " + credentials.user()
                        + " is not the key's client_email");
            }
            return parsed;
        });
        FaultPolicy policy = ProviderAccounts.checked(() -> FaultPolicy.fromSettings(properties));
        GoogleSettings settings = ProviderAccounts.checked(() -> GoogleSettings.from(properties, key, policy.timeout()));
        return new GoogleSession(accounts.account(provider.providerId(), a -> a.matches(settings, key),
                id -> new GoogleAccount(id, settings, policy, key)));
    }
}

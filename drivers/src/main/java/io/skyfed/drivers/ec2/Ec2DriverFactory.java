package io.skyfed.drivers.ec2;

import io.skyfed.drivers.resilience.FaultPolicy;
import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Feature;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.InstanceStateMachine;
import io.skyfed.drivers.spi.ProviderHealth;
import io.skyfed.drivers.spi.ProviderSettings;
import io.skyfed.drivers.spi.support.ProviderAccounts;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Amazon EC2 (with S3 for buckets) through jclouds' aws-ec2 and s3 APIs. */
public final class Ec2DriverFactory implements DriverFactory {

    private static final Set<CollectionKind> COLLECTIONS = EnumSet.of(CollectionKind.REALMS,
            CollectionKind.HARDWARE_PROFILES, CollectionKind.IMAGES, CollectionKind.INSTANCES, CollectionKind.KEYS,
            CollectionKind.STORAGE_VOLUMES, CollectionKind.STORAGE_SNAPSHOTS, CollectionKind.BUCKETS,
            CollectionKind.FIREWALLS, CollectionKind.ADDRESSES);
    private static final Set<Feature> FEATURES = EnumSet.of(Feature.INSTANCE_USER_DATA,
            Feature.INSTANCE_AUTHENTICATION_KEY, Feature.INSTANCE_REALM_FILTER, Feature.INSTANCE_FIREWALLS);

    private final ProviderAccounts<Ec2Account> accounts = ProviderAccounts.closing("EC2", a -> a.guard.health());

    @Override
    public String id() {
        return "ec2";
    }

    @Override
    public String displayName() {
        return "EC2";
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
        return Ec2States.MACHINE;
    }

    @Override
    public List<String> knownProviders() {
        return List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "eu-west-1", "eu-west-2",
                "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2",
                "ap-southeast-1", "ap-southeast-2", "sa-east-1");
    }

    @Override
    public Optional<List<HardwareProfile>> publicHardwareProfiles() {
        return Optional.of(Ec2InstanceTypes.ALL.stream().map(Ec2InstanceTypes.Type::profile).toList());
    }

    @Override
    public Optional<ProviderHealth> health(String providerId) {
        return accounts.health(providerId);
    }

    @Override
    public DriverSession connect(Credentials credentials, ProviderSettings provider) {
        Map<String, String> properties = ProviderAccounts.properties(provider);
        FaultPolicy policy = ProviderAccounts.checked(() -> FaultPolicy.fromSettings(properties));
        Ec2Settings settings = ProviderAccounts.checked(() -> Ec2Settings.from(properties, policy.timeout()));
        return new Ec2Session(accounts.account(provider.providerId(), a -> a.matches(settings, credentials),
                id -> new Ec2Account(id, settings, policy, credentials)));
    }
}

package io.skyfed.drivers.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One kind of driver (mock, ec2, openstack, ...), found through {@link java.util.ServiceLoader}
 * (register the class in {@code META-INF/services/io.skyfed.drivers.spi.DriverFactory}).
 *
 * <p>A factory describes its driver without credentials, so the API can list every driver kind and its
 * collections before any account is configured, and opens {@link DriverSession sessions} for an account.
 * Implementations are thread-safe and cheap to call; expensive client set-up (jclouds contexts,
 * hypervisor connections) is cached by the factory, keyed by provider and credentials.
 */
public interface DriverFactory {

    /** The Deltacloud driver name where one exists: mock, ec2, openstack, vsphere, rhevm, azure, google. */
    String id();

    /**
     * The driver's name as Deltacloud shows it in {@code /api/drivers} (Mock, EC2, OpenStack, RHEVM, vSphere, Azure,
     * Google). Deltacloud clients match it, lower-cased, against the driver id: keep it the id in display case.
     */
    String displayName();

    /**
     * The collections a session of this driver can serve; always contains the compute core. An optional one may
     * need a provider setting (vsphere's volumes and snapshots need {@code vi-json-release}): a session whose
     * provider does not enable it answers empty for that service, and callers report the collection as absent.
     */
    Set<CollectionKind> collections();

    /** The optional features this driver supports; each belongs to one of {@link #collections()}. */
    Set<Feature> features();

    /** The life cycle of this driver's instances: states, the actions allowed in each, and transitions. */
    InstanceStateMachine instanceStates();

    /** Providers (regions, endpoints) this driver knows without configuration, e.g. EC2 regions; may be empty. */
    default List<String> knownProviders() {
        return List.of();
    }

    /**
     * Hardware profiles that are the same for every account (EC2 instance types, the mock's sizes), so they can be
     * listed without credentials as Deltacloud allows; empty when profiles must be read from an account.
     */
    default Optional<List<HardwareProfile>> publicHardwareProfiles() {
        return Optional.empty();
    }

    default boolean supports(CollectionKind collection) {
        return collections().contains(collection);
    }

    default boolean supports(Feature feature) {
        return features().contains(feature);
    }

    /**
     * The health of calls to a provider this factory has connected to (circuit breaker state, failure counts);
     * empty for providers never connected, and for drivers that make no remote calls.
     */
    default Optional<ProviderHealth> health(String providerId) {
        return Optional.empty();
    }

    /**
     * Opens a session for one account.
     *
     * @throws AuthenticationFailedException when the provider refuses the credentials
     * @throws ProviderUnavailableException when the provider cannot be reached
     * @throws InvalidArgumentException when the settings are incomplete or malformed
     */
    DriverSession connect(Credentials credentials, ProviderSettings settings);
}

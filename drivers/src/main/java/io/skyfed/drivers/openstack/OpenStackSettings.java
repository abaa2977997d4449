package io.skyfed.drivers.openstack;

import java.net.URI;
import io.skyfed.drivers.resilience.FaultPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An OpenStack provider's settings.
 *
 * @param keystone      the Keystone v3 endpoint (e.g. {@code https://cloud.example/identity/v3})
 * @param project       the project the token is scoped to ({@code keystone.scope=project:NAME})
 * @param region        the region whose endpoints are used; empty for the catalog's only/first one
 * @param socketTimeout jclouds' socket timeouts, below the guard's attempt timeout
 * @param diskPoll      how often a server snapshot taken for a disk export is looked at
 * @param diskTaskLimit how long that snapshot may take before the export gives up
 * @param floatingNetwork the external network floating IPs are allocated from; empty: the first external one
 * @param transferTimeout the budget of one Glance or Swift content transfer ({@code transfer-timeout})
 */
record OpenStackSettings(URI keystone, String project, Optional<String> region, Duration socketTimeout,
                         Duration diskPoll, Duration diskTaskLimit, Optional<String> floatingNetwork,
                         Duration transferTimeout) {

    static OpenStackSettings from(URI endpoint, String region, Map<String, String> properties, Duration attempt) {
        if (endpoint == null || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))) {
            throw new IllegalArgumentException("openstack needs the Keystone v3 URL as its endpoint");
        }
        String scope = properties.getOrDefault("keystone.scope", "");
        if (!scope.matches("project:[^\\s]{1,64}")) {
            throw new IllegalArgumentException("openstack setting keystone.scope must be project:NAME, not '"
                    + scope + "'");
        }
        return new OpenStackSettings(endpoint, scope.substring("project:".length()), Optional.ofNullable(region),
                attempt.multipliedBy(3).dividedBy(4), duration(properties, "disk-transfer.poll", "PT5S"),
                duration(properties, "disk-transfer.limit", "PT2H"), floatingNetwork(properties),
                FaultPolicy.transferTimeout(properties));
    }

    private static Optional<String> floatingNetwork(Map<String, String> properties) {
        String network = properties.getOrDefault("floating-network", "").trim();
        if (network.isEmpty()) {
            return Optional.empty();
        }
        if (!OpenStackIds.valid(network)) {
            throw new IllegalArgumentException("openstack setting floating-network must be a network id (UUID), not '"
                    + network + "'");
        }
        return Optional.of(network);
    }

    private static Duration duration(Map<String, String> properties, String key, String fallback) {
        String value = properties.getOrDefault(key, fallback).trim();
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return duration;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("openstack setting " + key + "=" + value
                    + " is not a positive ISO-8601 duration", e);
        }
    }
}

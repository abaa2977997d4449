package io.skyfed.drivers.openstack;

import java.net.URI;
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
 */
record OpenStackSettings(URI keystone, String project, Optional<String> region, Duration socketTimeout) {

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
                attempt.multipliedBy(3).dividedBy(4));
    }
}

package io.skyfed.drivers.rhevm;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An oVirt/RHV provider's settings.
 *
 * @param api            the engine's API root, {@code https://engine.example/ovirt-engine/api}
 * @param basicAuth      true to send HTTP Basic on every call instead of taking an SSO token ({@code auth=basic})
 * @param storageDomain  the data storage domain new disks go to; empty for the realm's first active data domain
 * @param caFile         PEM file of the CA that signed the engine's certificate; empty for the JVM's trust store
 * @param socketTimeout  the HTTP client's timeouts, below the guard's attempt timeout
 * @param pollInterval   how often a waiting operation (create, power off, image transfer) reads the state again
 * @param waitTimeout    how long such an operation waits for the engine before giving up
 * @param pageSize       how many VMs one page of the instance listing asks for ({@code max})
 */
record RhevmSettings(URI api, boolean basicAuth, Optional<String> storageDomain, Optional<Path> caFile,
                     Duration socketTimeout,
                     Duration pollInterval, Duration waitTimeout, int pageSize) {

    static RhevmSettings from(URI endpoint, Map<String, String> properties, Duration attempt) {
        if (endpoint == null || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException("rhevm needs the engine's API URL as its endpoint, e.g. "
                    + "https://engine.example/ovirt-engine/api");
        }
        String auth = properties.getOrDefault("auth", "sso");
        if (!auth.equals("sso") && !auth.equals("basic")) {
            throw new IllegalArgumentException("rhevm setting auth must be sso or basic, not '" + auth + "'");
        }
        String domain = properties.get("storage-domain");
        if (domain != null && !domain.matches("[\\w.-]{1,50}")) {
            throw new IllegalArgumentException("rhevm setting storage-domain is not a storage domain name: '"
                    + domain + "'");
        }
        Optional<Path> caFile = Optional.ofNullable(properties.get("ca-file")).map(Path::of);
        if (caFile.isPresent() && !Files.isReadable(caFile.get())) {
            throw new IllegalArgumentException("rhevm setting ca-file " + caFile.get() + " is not a readable file");
        }
        String api = endpoint.toString().replaceAll("/+$", "");
        return new RhevmSettings(URI.create(api), auth.equals("basic"), Optional.ofNullable(domain), caFile,
                attempt.multipliedBy(3).dividedBy(4), duration(properties, "poll-interval", Duration.ofSeconds(2)),
                duration(properties, "wait-timeout", Duration.ofMinutes(10)), pageSize(properties));
    }

    private static int pageSize(Map<String, String> properties) {
        String value = properties.getOrDefault("page-size", "500").trim();
        if (!value.matches("\\d{1,5}") || Integer.parseInt(value) < 1) {
            throw new IllegalArgumentException("rhevm setting page-size must be a whole number from 1, not '"
                    + value + "'");
        }
        return Integer.parseInt(value);
    }

    /** The SSO token endpoint: a sibling of the API under the engine's context root. */
    URI tokenEndpoint() {
        String root = api.toString().replaceAll("/api$", "");
        return URI.create(root + "/sso/oauth/token");
    }

    private static Duration duration(Map<String, String> properties, String key, Duration fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(value.trim());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("rhevm setting " + key + "=" + value + " is not a positive "
                    + "ISO-8601 duration", e);
        }
    }
}

package io.skyfed.drivers.vsphere;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A vCenter provider's settings.
 *
 * @param base          the vCenter URL ({@code https://vcenter.example}); the Automation API lives under {@code /api}
 * @param library       the content library whose VM templates are the images; empty for every library
 * @param folder        the VM folder new instances go to; empty for the realm's first VM folder
 * @param resourcePool  the resource pool new instances run in; empty for the realm's first resource pool
 * @param maxCpus       the top of the ranged profile's CPU count
 * @param maxMemoryMb   the top of the ranged profile's memory
 * @param vcpuLimit     the vCPUs capacity reports as the limit; -1 when not configured (unlimited)
 * @param memoryLimitMb the memory capacity reports as the limit; -1 when not configured (unlimited)
 * @param socketTimeout the HTTP request timeout, below the guard's attempt timeout
 * @param transferTimeout the budget of one disk upload ({@code transfer-timeout}, ISO-8601, default PT6H)
 * @param prepareTimeout  how long vCenter may take to capture a VM or prepare or complete a library file
 *                        ({@code prepare-timeout}, default PT30M)
 * @param viJsonRelease   the VI JSON API release to read host hardware with ({@code vi-json-release}, such as
 *                        {@code 8.0.1.0}); empty on vCenter 7, where capacity limits come from the settings above
 * @param cpuAllocationRatio vCPUs a host may give per logical CPU, for capacity read from hosts
 *                        ({@code cpu-allocation-ratio}, default 1.0, as the libvirt driver has it)
 * @param datastore       the datastore new volumes go to ({@code datastore}, a managed object id); empty for the
 *                        realm's first datastore by id
 */
record VsphereSettings(URI base, Optional<String> library, Optional<String> folder, Optional<String> resourcePool,
                       int maxCpus, long maxMemoryMb, long vcpuLimit, long memoryLimitMb, Duration socketTimeout,
                       Duration transferTimeout, Duration prepareTimeout, Optional<String> viJsonRelease,
                       double cpuAllocationRatio, Optional<String> datastore) {

    static VsphereSettings from(URI endpoint, Map<String, String> properties, Duration attempt) {
        if (endpoint == null || !("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException("vsphere needs the vCenter URL (https://vcenter.example) as its "
                    + "endpoint");
        }
        URI base = URI.create(endpoint.toString().replaceAll("/+$", "").replaceAll("/api$", ""));
        return new VsphereSettings(base, id(properties, "library"), id(properties, "folder"),
                id(properties, "resource-pool"),
                (int) number(properties, "max-cpus", 32, 1, 768),
                number(properties, "max-memory-mb", 262_144, 512, 24L * 1024 * 1024),
                number(properties, "capacity.vcpus", -1, -1, Long.MAX_VALUE),
                number(properties, "capacity.memory-mb", -1, -1, Long.MAX_VALUE),
                attempt.multipliedBy(3).dividedBy(4), duration(properties, "transfer-timeout", Duration.ofHours(6)),
                duration(properties, "prepare-timeout", Duration.ofMinutes(30)), release(properties),
                ratio(properties), id(properties, "datastore"));
    }

    /** A vSphere API release as the VI JSON API's URLs carry it: four numbers, {@code 8.0.1.0}. */
    private static Optional<String> release(Map<String, String> properties) {
        String value = properties.get("vi-json-release");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (!value.trim().matches("\\d{1,2}\\.\\d{1,2}\\.\\d{1,2}\\.\\d{1,2}")) {
            throw new IllegalArgumentException("vsphere setting vi-json-release must be a vSphere API release such as "
                    + "8.0.1.0, not '" + value + "'");
        }
        return Optional.of(value.trim());
    }

    private static double ratio(Map<String, String> properties) {
        String value = properties.getOrDefault("cpu-allocation-ratio", "1.0");
        double ratio;
        try {
            ratio = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("vsphere setting cpu-allocation-ratio must be a number, not '" + value
                    + "'");
        }
        if (!(ratio > 0 && ratio <= 64)) {
            throw new IllegalArgumentException("vsphere setting cpu-allocation-ratio must be in (0, 64], not " + value);
        }
        return ratio;
    }

    /** vCenter identifiers (library UUIDs, managed object ids such as group-v4 or resgroup-8). */
    private static Optional<String> id(Map<String, String> properties, String key) {
        String value = properties.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (!value.matches("[A-Za-z0-9:._-]{1,80}")) {
            throw new IllegalArgumentException("vsphere setting " + key + " must be a vCenter identifier, not '"
                    + value + "'");
        }
        return Optional.of(value);
    }

    private static Duration duration(Map<String, String> properties, String key, Duration fallback) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            Duration d = Duration.parse(value.trim());
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("vsphere setting " + key + " must be positive, not " + value);
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("vsphere setting " + key + " must be an ISO-8601 duration (PT6H), not '"
                    + value + "'");
        }
    }

    private static long number(Map<String, String> properties, String key, long fallback, long min, long max) {
        String value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n < min || n > max) {
                throw new IllegalArgumentException("vsphere setting " + key + " must be between " + min + " and "
                        + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("vsphere setting " + key + " must be a number, not '" + value + "'");
        }
    }
}

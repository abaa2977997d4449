package io.skyfed.drivers.google;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's Compute Engine settings; one provider is one project in one region.
 *
 * @param project          the project id (the key's project_id unless set)
 * @param region           the region whose zones are the realms (default us-central1)
 * @param computeEndpoint  the Compute API root, up to {@code /compute/v1}
 * @param storageEndpoint  the Cloud Storage JSON API host ({@code /storage/v1} and {@code /upload/storage/v1} below it)
 * @param tokenEndpoint    the OAuth 2.0 token endpoint the JWT bearer grant goes to
 * @param imageProjects    public image projects listed beside the project's own images
 * @param network          the network new instances join (a path below the project, or a full URL)
 * @param machineType      the machine type of creates that name no hardware profile
 * @param importBucket     the Cloud Storage bucket disk imports are staged in; no imports without it
 * @param socketTimeout    transport connect and read timeout, below the guard's attempt timeout
 * @param operationTimeout how long a create or action waits for its zone operation to finish
 * @param operationPoll    the pause between two looks at a running operation
 * @param transferTimeout  the budget of one disk upload, which outlasts any API call's timeout by far
 */
record GoogleSettings(String project, String region, URI computeEndpoint, URI storageEndpoint, URI tokenEndpoint,
                      List<String> imageProjects, String network, String machineType,
                      Optional<String> importBucket, Duration socketTimeout, Duration operationTimeout,
                      Duration operationPoll, Duration transferTimeout) {

    static final String DEFAULT_COMPUTE = "https://compute.googleapis.com/compute/v1";
    static final String DEFAULT_STORAGE = "https://storage.googleapis.com";
    static final String DEFAULT_TOKEN = "https://oauth2.googleapis.com/token";
    static final String DEFAULT_IMAGE_PROJECTS = "debian-cloud,ubuntu-os-cloud,rocky-linux-cloud,centos-cloud";

    static GoogleSettings from(Map<String, String> settings, ServiceAccountKey key, Duration attemptTimeout) {
        String project = settings.getOrDefault("project", key.projectId());
        if (project == null || !project.matches("[a-z][-a-z0-9]{4,28}[a-z0-9]")) {
            throw new IllegalArgumentException("google setting project=" + project + " is not a project id");
        }
        String region = settings.getOrDefault("region", "us-central1").trim();
        if (!region.matches("[a-z]+-[a-z]+\\d+")) {
            throw new IllegalArgumentException("google setting region=" + region + " is not a region name");
        }
        List<String> imageProjects = Arrays.stream(settings.getOrDefault("image-projects", DEFAULT_IMAGE_PROJECTS)
                .split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        Duration operationTimeout = duration(settings, "operation-timeout", Duration.ofMinutes(5));
        return new GoogleSettings(project, region,
                uri(settings, "endpoint", DEFAULT_COMPUTE), uri(settings, "storage-endpoint", DEFAULT_STORAGE),
                uri(settings, "token-endpoint", DEFAULT_TOKEN), imageProjects,
                settings.getOrDefault("network", "global/networks/default"),
                settings.getOrDefault("machine-type", "e2-small"),
                Optional.ofNullable(settings.get("import-bucket")).map(String::trim).filter(b -> !b.isEmpty()),
                attemptTimeout.multipliedBy(3).dividedBy(4), operationTimeout,
                duration(settings, "operation-poll", Duration.ofSeconds(1)),
                duration(settings, "transfer-timeout", Duration.ofHours(6)));
    }

    /** The project's root in the Compute API: {@code .../compute/v1/projects/{project}}. */
    URI projectUri() {
        return URI.create(computeEndpoint + "/projects/" + project);
    }

    /** The network's full URL. */
    URI networkUri() {
        return network.startsWith("http") ? URI.create(network) : resource(network);
    }

    /** A full resource URL of this project, e.g. {@code zones/us-central1-a/machineTypes/e2-small}. */
    URI resource(String path) {
        return URI.create(projectUri() + "/" + path);
    }

    private static Duration duration(Map<String, String> settings, String key, Duration fallback) {
        String value = settings.get(key);
        try {
            return value == null ? fallback : Duration.parse(value.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("google setting " + key + "=" + value + " is not an ISO-8601 duration");
        }
    }

    private static URI uri(Map<String, String> settings, String key, String fallback) {
        String value = settings.getOrDefault(key, fallback).trim().replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("google setting " + key + "=" + value + " is not a URL");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("google setting " + key + "=" + value + " is not an http(s) URL");
        }
        return uri;
    }
}

package io.skyfed.drivers.ec2;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's EC2 settings.
 *
 * @param region     the one AWS region this provider stands for (a provider is an account in a region)
 * @param endpoint   the EC2 endpoint; empty for AWS's own, set for EC2-compatible clouds and tests
 * @param s3Endpoint the S3 endpoint for blobs; empty for AWS's own
 * @param socketTimeout jclouds' connect and read timeout, kept below the fault guard's attempt timeout because a
 *                   guard cannot interrupt blocked socket I/O
 */
public record Ec2Settings(String region, Optional<URI> endpoint, Optional<URI> s3Endpoint, Duration socketTimeout) {

    public static Ec2Settings from(Map<String, String> settings, Duration attemptTimeout) {
        String region = settings.getOrDefault("region", "us-east-1").trim();
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new IllegalArgumentException("ec2 setting region=" + region + " is not an AWS region name");
        }
        Duration socket = attemptTimeout.multipliedBy(3).dividedBy(4);
        return new Ec2Settings(region, uri(settings, "endpoint"), uri(settings, "s3-endpoint"), socket);
    }

    private static Optional<URI> uri(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri = URI.create(value.trim());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("ec2 setting " + key + "=" + value + " is not an http(s) URL");
        }
        return Optional.of(uri);
    }
}

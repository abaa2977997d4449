package io.skyfed.drivers.ec2;

import java.net.URI;
import io.skyfed.drivers.resilience.FaultPolicy;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A provider's EC2 settings.
 *
 * @param region        the one AWS region this provider stands for (a provider is an account in a region)
 * @param endpoint      the EC2 endpoint; empty for AWS's own, set for EC2-compatible clouds and tests
 * @param s3Endpoint    the S3 endpoint for buckets; empty for AWS's own
 * @param socketTimeout jclouds' connect and read timeout, kept below the fault guard's attempt timeout because a
 *                      guard cannot interrupt blocked socket I/O
 * @param imageOwners   whose images the image list shows (DescribeImages Owner: self, amazon, an account id)
 * @param vcpuQuota     the account's On-Demand vCPU quota in the region, -1 when not configured
 * @param instanceQuota the most instances the broker may run there, -1 when not configured
 * @param diskBucket    the S3 bucket disks pass through on import and export (VM Import/Export reads and writes
 *                      only S3); empty: the driver offers no disk transfer
 * @param diskPoll      how often an import or export task is looked at
 * @param diskTaskLimit how long an import or export task may take before the driver gives up on it
 * @param transferTimeout the budget of one blob or disk content transfer ({@code transfer-timeout})
 * @param vpcId         the VPC new security groups belong to ({@code vpc-id}); empty: the region's default VPC
 */
public record Ec2Settings(String region, Optional<URI> endpoint, Optional<URI> s3Endpoint, Duration socketTimeout,
                          List<String> imageOwners, long vcpuQuota, long instanceQuota, Optional<String> diskBucket,
                          Duration diskPoll, Duration diskTaskLimit, Duration transferTimeout,
                          Optional<String> vpcId) {

    public static Ec2Settings from(Map<String, String> settings, Duration attemptTimeout) {
        String region = settings.getOrDefault("region", "us-east-1").trim();
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new IllegalArgumentException("ec2 setting region=" + region + " is not an AWS region name");
        }
        Duration socket = attemptTimeout.multipliedBy(3).dividedBy(4);
        List<String> owners = Arrays.stream(settings.getOrDefault("image-owners", "self").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new Ec2Settings(region, uri(settings, "endpoint"), uri(settings, "s3-endpoint"), socket, owners,
                quota(settings, "quota.vcpus"), quota(settings, "quota.instances"), bucket(settings),
                duration(settings, "disk-transfer.poll", "PT15S"), duration(settings, "disk-transfer.limit", "PT4H"),
                FaultPolicy.transferTimeout(settings), vpc(settings));
    }

    private static Optional<String> vpc(Map<String, String> settings) {
        String vpc = settings.getOrDefault("vpc-id", "").trim();
        if (!vpc.isEmpty() && !vpc.matches("vpc-[0-9a-f]{8,17}")) {
            throw new IllegalArgumentException("ec2 setting vpc-id=" + vpc + " is not a VPC id");
        }
        return vpc.isEmpty() ? Optional.empty() : Optional.of(vpc);
    }

    private static Optional<String> bucket(Map<String, String> settings) {
        String bucket = settings.getOrDefault("disk-bucket", "").trim();
        if (bucket.isEmpty()) {
            return Optional.empty();
        }
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("ec2 setting disk-bucket=" + bucket + " is not an S3 bucket name");
        }
        return Optional.of(bucket);
    }

    private static Duration duration(Map<String, String> settings, String key, String fallback) {
        String value = settings.getOrDefault(key, fallback).trim();
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("not positive");
            }
            return duration;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("ec2 setting " + key + "=" + value
                    + " is not a positive ISO-8601 duration", e);
        }
    }

    private static long quota(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return -1;
        }
        try {
            long quota = Long.parseLong(value.trim());
            if (quota < 0) {
                throw new NumberFormatException("negative");
            }
            return quota;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ec2 setting " + key + "=" + value + " is not a count", e);
        }
    }

    private static Optional<URI> uri(Map<String, String> settings, String key) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ec2 setting " + key + "=" + value + " is not a URL", e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("ec2 setting " + key + "=" + value + " is not an http(s) URL");
        }
        return Optional.of(uri);
    }
}

package io.skyfed.broker.workflow;

import java.util.UUID;

/**
 * What a job acts on, resolved when it is submitted and stored in {@code job.request}: the workload, where it runs
 * (provider and instance), where it goes, and for a burst the image and hardware profile to launch.
 */
public record JobRequest(UUID workloadId, String sourceProvider, String sourceInstanceId, String targetProvider,
                         MigrationRequest.Mode mode, String reason, String image, String hardwareProfile) {
}

package io.skyfed.broker.workflow;

import java.util.UUID;

/**
 * What a job acts on, resolved when it is submitted and stored in {@code job.request}: the workload, where it runs
 * (provider and instance), where it goes, the image to launch for a burst, the hardware profile asked for (null:
 * chosen from the workload's CPUs and memory, zero when its spec states none) and why.
 */
public record JobRequest(UUID workloadId, String sourceProvider, String sourceInstanceId, String targetProvider,
                         MigrationRequest.Mode mode, String reason, String image, String hardwareProfile, int cpus,
                         long memoryMb) {
}

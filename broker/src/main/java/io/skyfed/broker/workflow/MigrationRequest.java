package io.skyfed.broker.workflow;

import java.util.Objects;
import java.util.UUID;

/**
 * A request to move (or burst) a workload. {@code targetProvider} null means "the policy engine decides";
 * {@code reason} is the explanation recorded with the job (a policy decision's, or the user's);
 * {@code hardwareProfile} null lets the job choose the target's smallest profile that fits the workload.
 */
public record MigrationRequest(UUID workloadId, String targetProvider, Mode mode, boolean dryRun, String reason,
                               String hardwareProfile) {

    public enum Mode { COLD, WARM, BURST }

    public MigrationRequest {
        Objects.requireNonNull(workloadId, "workloadId");
        Objects.requireNonNull(mode, "mode");
    }

    /** A request that leaves the hardware profile to the job. */
    public MigrationRequest(UUID workloadId, String targetProvider, Mode mode, boolean dryRun, String reason) {
        this(workloadId, targetProvider, mode, dryRun, reason, null);
    }
}

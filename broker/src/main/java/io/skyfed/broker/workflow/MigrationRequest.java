package io.skyfed.broker.workflow;

import java.util.Objects;
import java.util.UUID;

/**
 * A request to move (or burst) a workload. {@code targetProvider} null means "the policy engine decides";
 * {@code reason} is the explanation recorded with the job (a policy decision's, or the user's).
 */
public record MigrationRequest(UUID workloadId, String targetProvider, Mode mode, boolean dryRun, String reason) {

    public enum Mode { COLD, WARM, BURST }

    public MigrationRequest {
        Objects.requireNonNull(workloadId, "workloadId");
        Objects.requireNonNull(mode, "mode");
    }
}

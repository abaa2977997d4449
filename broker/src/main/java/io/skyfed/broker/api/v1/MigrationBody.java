package io.skyfed.broker.api.v1;

import io.skyfed.broker.workflow.MigrationRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A migration or burst request: the workload, the target provider (absent: the policy engine decides), the mode,
 * whether only to record the plan, and optionally the target's hardware profile.
 */
@Schema(name = "MigrationRequest")
public record MigrationBody(
        @NotNull @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be a workload id (a UUID)") String workload,
        @Size(max = 63) String target,
        @Schema(enumeration = {"cold", "warm", "burst"}, defaultValue = "cold")
        @Pattern(regexp = "cold|warm|burst", message = "must be cold, warm or burst") String mode,
        Boolean dryRun,
        @Size(max = 2000) String reason,
        @Schema(description = "The target provider's hardware profile to launch with; absent: the smallest of the"
                + " target's profiles that fits the workload's CPUs and memory (a profile with ranges is sized to"
                + " them). A profile the target does not offer fails the job before the source is stopped.")
        @Size(max = 128) String hardwareProfile) implements V1Request {

    MigrationRequest toRequest() {
        UUID id;
        try {
            id = UUID.fromString(workload);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("workload", "must be a workload id (a UUID)");
        }
        MigrationRequest.Mode parsed = mode == null ? MigrationRequest.Mode.COLD
                : MigrationRequest.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        return new MigrationRequest(id, target, parsed, Boolean.TRUE.equals(dryRun), reason, hardwareProfile);
    }
}

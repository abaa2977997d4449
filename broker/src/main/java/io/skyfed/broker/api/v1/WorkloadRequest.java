package io.skyfed.broker.api.v1;

import io.skyfed.broker.workflow.WorkloadService;
import io.skyfed.broker.workflow.WorkloadSpec;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Defines a workload: its spec, and where it already runs when it is registered rather than only defined
 * ({@code provider} and {@code instanceId} together).
 */
@Schema(name = "WorkloadRequest")
public record WorkloadRequest(
        @NotNull @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", message = "must be 1-63 lower-case letters,"
                + " digits or '-', starting and ending with a letter or digit") String name,
        @Size(max = 63) String provider,
        @Size(max = 255) String instanceId,
        WorkloadSpec spec) implements V1Request {

    WorkloadService.Definition toDefinition() {
        if ((provider == null) != (instanceId == null)) {
            throw ProblemException.invalid(provider == null ? "provider" : "instanceId",
                    "provider and instanceId are given together or not at all");
        }
        return new WorkloadService.Definition(name, provider, instanceId, spec == null
                ? new WorkloadSpec(0, 0, 0, 0, null, null, null, null, null, null, 0, null, null, null, null, null,
                null, null, null) : spec);
    }
}

package io.skyfed.broker.api.v1;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Issues an API credential for a tenant's Deltacloud clients. */
@Schema(name = "ApiCredentialRequest")
public record ApiCredentialRequest(
        @NotNull @Pattern(regexp = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?", message = "must be 1-63 lower-case"
                + " letters, digits or '-', starting and ending with a letter or digit") String tenant,
        @NotEmpty @Size(max = 3) @Schema(description = "Any of tenant, operator, auditor (never admin)")
        List<@Pattern(regexp = "tenant|operator|auditor", message = "must be tenant, operator or auditor")
                String> roles,
        @Size(max = 200) String description) implements V1Request {
}

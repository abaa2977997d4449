package io.skyfed.broker.api.v1;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A provider account's credentials, write-only: no response ever contains the secret. */
@Schema(name = "Credentials", description = "Write-only account credentials; the secret is stored sealed and never returned")
public record CredentialsRequest(
        @Schema(description = "User name, access key id or client id", examples = "mockuser")
        @NotNull @Size(min = 1, max = 1024) String user,
        @Schema(description = "Password or secret key", writeOnly = true)
        @NotNull @Size(min = 1, max = 16384) String secret) {

    @Override
    public String toString() {
        return "CredentialsRequest[user=" + user + ", secret=****]";
    }
}

package io.skyfed.broker.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;

/**
 * Secrets the broker's tests use, so SecretsNeverLoggedIT can look for them in the logs of the whole suite. A test
 * that needs a secret of its own takes {@link #secret()} (found by its marker); one that receives a secret it did
 * not choose (an issued API credential, a bearer token) hands it to {@link #register(String)}.
 */
public final class Canaries {

    /** Every {@link #secret()} starts with this; no log line may contain it. */
    public static final String MARKER = "leak-canary-";

    /** Secrets fixed in the tests' configuration: the test master key, the mock driver's and Keycloak's test passwords. */
    public static final List<String> FIXED = List.of("c2t5ZmVkLXRlc3QtbWFzdGVyLWtleS0zMi1ieXRlcyE=", "mockpassword",
            "skyfed-test-password-1", "skyfed-dev-client-secret");

    /** Where registered secrets are written, one per line, one file per test JVM; relative to the module. */
    public static final Path REGISTERED = Path.of("target", "secret-canaries");

    private Canaries() {
    }

    /** A fresh secret value the log scan will recognise. */
    public static String secret() {
        return MARKER + UUID.randomUUID();
    }

    /** Records a secret the test did not choose, for the log scan. */
    public static synchronized String register(String secret) {
        try {
            Files.createDirectories(REGISTERED);
            Files.writeString(REGISTERED.resolve("canaries-" + ProcessHandle.current().pid() + ".txt"), secret + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

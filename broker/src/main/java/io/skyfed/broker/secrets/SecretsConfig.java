package io.skyfed.broker.secrets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where the master key comes from. See docs/configuration.md. */
@ConfigMapping(prefix = "skyfed.secrets")
public interface SecretsConfig {

    /** The master key itself, base64 of 32 bytes (e.g. from the environment variable SKYFED_SECRETS_MASTER_KEY). */
    Optional<String> masterKey();

    /** A file holding the master key (base64 text, or 32 raw bytes), e.g. a mounted Kubernetes secret. */
    Path masterKeyFile();

    /** Generate the key file when neither a key nor the file exists: convenient on one machine, wrong for replicas. */
    @WithDefault("true")
    boolean generateMissingKey();

    /** Master keys replaced by a rotation (base64 each): they still open old secrets, which are rewrapped at start. */
    Optional<List<String>> previousMasterKeys();
}

package io.skyfed.broker.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/** Reads (or, on a single machine, generates) the master keys named by {@link SecretsConfig}. */
final class MasterKeyLoader {

    private static final Logger LOG = Logger.getLogger(MasterKeyLoader.class);

    private final SecretsConfig config;

    MasterKeyLoader(SecretsConfig config) {
        this.config = config;
    }

    MasterKey current() {
        if (config.masterKey().isPresent()) {
            return decode(config.masterKey().get(), "skyfed.secrets.master-key");
        }
        Path file = config.masterKeyFile();
        if (Files.exists(file)) {
            return readFile(file);
        }
        if (!config.generateMissingKey()) {
            throw new IllegalStateException("no master key: set skyfed.secrets.master-key (base64 of 32 bytes) or "
                    + "create " + file + " (skyfed.secrets.master-key-file)");
        }
        return generate(file);
    }

    List<MasterKey> previous() {
        return config.previousMasterKeys().orElse(List.of()).stream()
                .map(encoded -> decode(encoded, "skyfed.secrets.previous-master-keys"))
                .toList();
    }

    private static MasterKey decode(String encoded, String source) {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            // The message must not quote the value: it is the key.
            throw new IllegalStateException(source + " is not valid base64");
        }
        if (material.length != MasterKey.LENGTH_BYTES) {
            throw new IllegalStateException(source + " must decode to " + MasterKey.LENGTH_BYTES + " bytes, not "
                    + material.length + " (generate one with: head -c 32 /dev/urandom | base64)");
        }
        return new MasterKey(material);
    }

    private static MasterKey readFile(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            if (content.length == MasterKey.LENGTH_BYTES) {
                return new MasterKey(content);
            }
            return decode(new String(content, StandardCharsets.US_ASCII), "master key file " + file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read master key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static MasterKey generate(Path file) {
        byte[] material = new byte[MasterKey.LENGTH_BYTES];
        new SecureRandom().nextBytes(material);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".master", ".key",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Base64.getEncoder().encodeToString(material) + "\n", StandardCharsets.US_ASCII);
            try {
                // A link fails if another process generated the key meanwhile: then both use that one.
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException raced) {
                return readFile(file);
            } finally {
                Files.delete(temp);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create master key file " + file + ": " + e.getMessage()
                    + " (set skyfed.secrets.master-key or skyfed.secrets.master-key-file)", e);
        }
        MasterKey key = new MasterKey(material);
        LOG.warnf("Generated a new master key %s in %s. Back it up: secrets sealed with it are lost without it. "
                + "Replicas must share one key: set skyfed.secrets.master-key or mount the file.", key.id(), file);
        return key;
    }
}

package io.skyfed.drivers.mock;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The guest-visible content of a mock disk, immutable (a write makes a new one), with its SHA-256 (its name on disk). */
record StoredDisk(String sha256, byte[] bytes) {

    static StoredDisk of(byte[] bytes) {
        return new StoredDisk(sha256(bytes), bytes);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package io.skyfed.broker.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that wraps every data key. Its id is derived from the key itself (an HMAC, which reveals nothing of
 * the key), so a sealed secret names the key that opens it without any registry of key ids.
 */
public final class MasterKey {

    public static final int LENGTH_BYTES = 32;

    private final SecretKey key;
    private final String id;

    public MasterKey(byte[] material) {
        if (material == null || material.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("a master key must be exactly " + LENGTH_BYTES + " bytes (AES-256)");
        }
        this.key = new SecretKeySpec(material.clone(), "AES");
        this.id = deriveId(material);
    }

    public String id() {
        return id;
    }

    SecretKey key() {
        return key;
    }

    private static String deriveId(byte[] material) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(material, "HmacSHA256"));
            byte[] digest = mac.doFinal("skyfed master key id".getBytes(StandardCharsets.UTF_8));
            return "mk-" + HexFormat.of().formatHex(Arrays.copyOf(digest, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}

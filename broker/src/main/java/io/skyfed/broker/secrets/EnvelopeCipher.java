package io.skyfed.broker.secrets;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption with AES-256-GCM: each secret gets its own random data key, which is itself encrypted
 * ("wrapped") by the master key. Rotating the master key only rewraps data keys; values are never re-encrypted.
 *
 * <p>The caller's context (typically the id of the row the secret lives in) is authenticated with both the
 * value and the wrapped key, so a sealed secret only opens where it was sealed.
 */
public final class EnvelopeCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final MasterKey current;
    private final Map<String, MasterKey> openers;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param current  seals new secrets and opens those it sealed
     * @param previous older master keys that still open secrets sealed before a rotation
     */
    public EnvelopeCipher(MasterKey current, List<MasterKey> previous) {
        this.current = current;
        this.openers = Stream.concat(previous.stream(), Stream.of(current))
                .collect(Collectors.toUnmodifiableMap(MasterKey::id, Function.identity(), (older, newer) -> newer));
    }

    public String currentKeyId() {
        return current.id();
    }

    public SealedSecret seal(byte[] plaintext, String context) {
        SecretKey dataKey = newDataKey();
        byte[] nonce = randomNonce();
        byte[] ciphertext = run(Cipher.ENCRYPT_MODE, dataKey, nonce, aad("value", context), plaintext);
        byte[] keyNonce = randomNonce();
        byte[] wrapped = run(Cipher.ENCRYPT_MODE, current.key(), keyNonce, aad("key", context), dataKey.getEncoded());
        return new SealedSecret(current.id(), wrapped, keyNonce, nonce, ciphertext);
    }

    public byte[] open(SealedSecret sealed, String context) {
        byte[] dataKey = unwrap(sealed, context);
        try {
            return run(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), sealed.nonce(), aad("value", context),
                    sealed.ciphertext());
        } catch (SecretDecryptionException e) {
            throw new SecretDecryptionException("secret value failed authentication: altered, or sealed for another row");
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Whether the secret was sealed under an older master key and should be rewrapped. */
    public boolean needsRewrap(SealedSecret sealed) {
        return !current.id().equals(sealed.masterKeyId());
    }

    /** The same secret with its data key wrapped by the current master key; the ciphertext is untouched. */
    public SealedSecret rewrap(SealedSecret sealed, String context) {
        byte[] dataKey = unwrap(sealed, context);
        try {
            byte[] keyNonce = randomNonce();
            byte[] wrapped = run(Cipher.ENCRYPT_MODE, current.key(), keyNonce, aad("key", context), dataKey);
            return new SealedSecret(current.id(), wrapped, keyNonce, sealed.nonce(), sealed.ciphertext());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] unwrap(SealedSecret sealed, String context) {
        MasterKey opener = openers.get(sealed.masterKeyId());
        if (opener == null) {
            throw new SecretDecryptionException("secret was sealed with master key " + sealed.masterKeyId()
                    + ", which is not configured (configured: " + openers.keySet() + ")");
        }
        try {
            return run(Cipher.DECRYPT_MODE, opener.key(), sealed.keyNonce(), aad("key", context), sealed.wrappedKey());
        } catch (SecretDecryptionException e) {
            throw new SecretDecryptionException("wrapped data key failed authentication: altered, or sealed for another row");
        }
    }

    private static byte[] aad(String part, String context) {
        return ("skyfed/" + part + "/" + context).getBytes(StandardCharsets.UTF_8);
    }

    private SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES key generation is unavailable", e);
        }
    }

    private byte[] randomNonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    private static byte[] run(int mode, SecretKey key, byte[] nonce, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException("authentication failed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM failed", e);
        }
    }
}

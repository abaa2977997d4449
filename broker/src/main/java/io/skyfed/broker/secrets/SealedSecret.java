package io.skyfed.broker.secrets;

/**
 * A secret at rest: the value encrypted with a fresh data key, and that data key wrapped by the master key
 * named {@code masterKeyId}. Holds no plaintext.
 */
public record SealedSecret(String masterKeyId, byte[] wrappedKey, byte[] keyNonce, byte[] nonce, byte[] ciphertext) {
}

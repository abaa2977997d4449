package io.skyfed.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvelopeCipherTest {

    private static final byte[] SECRET = "s3cr3t-password-never-shown".getBytes(StandardCharsets.UTF_8);

    private final MasterKey key = randomKey();
    private final EnvelopeCipher cipher = new EnvelopeCipher(key, List.of());

    @Test
    void opensWhatItSealed() {
        SealedSecret sealed = cipher.seal(SECRET, "secret:a");

        assertThat(cipher.open(sealed, "secret:a")).isEqualTo(SECRET);
        assertThat(sealed.masterKeyId()).isEqualTo(key.id());
    }

    @Test
    void sealsTheSameValueDifferentlyEachTime() {
        SealedSecret first = cipher.seal(SECRET, "secret:a");
        SealedSecret second = cipher.seal(SECRET, "secret:a");

        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(first.wrappedKey()).isNotEqualTo(second.wrappedKey());
        assertThat(first.nonce()).isNotEqualTo(second.nonce());
    }

    @Test
    void neitherPartContainsThePlaintext() {
        SealedSecret sealed = cipher.seal(SECRET, "secret:a");

        for (byte[] part : List.of(sealed.ciphertext(), sealed.wrappedKey(), sealed.nonce(), sealed.keyNonce())) {
            assertThat(new String(part, StandardCharsets.ISO_8859_1)).doesNotContain("s3cr3t");
        }
    }

    @Test
    void refusesASecretMovedToAnotherRow() {
        SealedSecret sealed = cipher.seal(SECRET, "secret:a");

        assertThatThrownBy(() -> cipher.open(sealed, "secret:b"))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("another row");
    }

    @Test
    void refusesAlteredCiphertext() {
        SealedSecret sealed = cipher.seal(SECRET, "secret:a");
        byte[] altered = sealed.ciphertext().clone();
        altered[0] ^= 1;

        assertThatThrownBy(() -> cipher.open(new SealedSecret(sealed.masterKeyId(), sealed.wrappedKey(),
                sealed.keyNonce(), sealed.nonce(), altered), "secret:a"))
                .isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void refusesAlteredWrappedKey() {
        SealedSecret sealed = cipher.seal(SECRET, "secret:a");
        byte[] altered = sealed.wrappedKey().clone();
        altered[altered.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.open(new SealedSecret(sealed.masterKeyId(), altered, sealed.keyNonce(),
                sealed.nonce(), sealed.ciphertext()), "secret:a"))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("wrapped data key");
    }

    @Test
    void namesTheMissingMasterKey() {
        SealedSecret sealed = new EnvelopeCipher(randomKey(), List.of()).seal(SECRET, "secret:a");

        assertThatThrownBy(() -> cipher.open(sealed, "secret:a"))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining(sealed.masterKeyId())
                .hasMessageContaining("not configured");
    }

    @Test
    void rotationRewrapsTheDataKeyOnly() {
        SealedSecret old = cipher.seal(SECRET, "secret:a");
        MasterKey next = randomKey();
        EnvelopeCipher rotated = new EnvelopeCipher(next, List.of(key));

        assertThat(rotated.needsRewrap(old)).isTrue();
        SealedSecret rewrapped = rotated.rewrap(old, "secret:a");

        assertThat(rewrapped.masterKeyId()).isEqualTo(next.id());
        assertThat(rewrapped.ciphertext()).isEqualTo(old.ciphertext());
        assertThat(rotated.needsRewrap(rewrapped)).isFalse();
        assertThat(new EnvelopeCipher(next, List.of()).open(rewrapped, "secret:a")).isEqualTo(SECRET);
    }

    @Test
    void keyIdsDifferPerKeyAndRevealNothing() {
        MasterKey other = randomKey();

        assertThat(key.id()).isNotEqualTo(other.id()).startsWith("mk-").hasSize(3 + 16);
        assertThat(key.toString()).isEqualTo("MasterKey[" + key.id() + "]");
    }

    @Test
    void rejectsKeysOfTheWrongLength() {
        assertThatThrownBy(() -> new MasterKey(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }

    private static MasterKey randomKey() {
        byte[] material = new byte[MasterKey.LENGTH_BYTES];
        new SecureRandom().nextBytes(material);
        return new MasterKey(material);
    }
}

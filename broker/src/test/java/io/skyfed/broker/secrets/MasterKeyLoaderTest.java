package io.skyfed.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyLoaderTest {

    @TempDir
    Path dir;

    @Test
    void prefersTheConfiguredKey() throws Exception {
        byte[] material = bytes(7);
        Path file = dir.resolve("unused.key");

        MasterKey key = new MasterKeyLoader(config(Base64.getEncoder().encodeToString(material), file, true))
                .current();

        assertThat(key.id()).isEqualTo(new MasterKey(material).id());
        assertThat(file).doesNotExist();
    }

    @Test
    void generatesAPrivateKeyFileOnceAndReusesIt() throws Exception {
        Path file = dir.resolve("nested/master.key");

        MasterKey first = new MasterKeyLoader(config(null, file, true)).current();
        MasterKey second = new MasterKeyLoader(config(null, file, true)).current();

        assertThat(second.id()).isEqualTo(first.id());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.list(file.getParent())).containsExactly(file);
    }

    @Test
    void readsRawAndBase64KeyFiles() throws Exception {
        byte[] material = bytes(3);
        Path raw = Files.write(dir.resolve("raw.key"), material);
        Path text = Files.writeString(dir.resolve("text.key"), Base64.getEncoder().encodeToString(material) + "\n");

        assertThat(new MasterKeyLoader(config(null, raw, false)).current().id())
                .isEqualTo(new MasterKeyLoader(config(null, text, false)).current().id());
    }

    @Test
    void failsClearlyWithoutAKeyWhenGenerationIsOff() {
        Path file = dir.resolve("missing.key");

        assertThatThrownBy(() -> new MasterKeyLoader(config(null, file, false)).current())
                .hasMessageContaining("skyfed.secrets.master-key")
                .hasMessageContaining(file.toString());
    }

    @Test
    void neverQuotesABadKeyInItsError() {
        String notBase64 = "this-is-not-base64-but-a-secret!";
        String tooShort = Base64.getEncoder().encodeToString("short-secret-key".getBytes());

        assertThatThrownBy(() -> new MasterKeyLoader(config(notBase64, dir.resolve("k"), true)).current())
                .hasMessageContaining("not valid base64")
                .message().doesNotContain(notBase64);
        assertThatThrownBy(() -> new MasterKeyLoader(config(tooShort, dir.resolve("k"), true)).current())
                .hasMessageContaining("must decode to 32 bytes, not 16")
                .message().doesNotContain(tooShort);
    }

    @Test
    void decodesPreviousKeys() {
        byte[] material = bytes(9);
        SecretsConfig config = new SecretsConfig() {
            public Optional<String> masterKey() {
                return Optional.empty();
            }

            public Path masterKeyFile() {
                return dir.resolve("k");
            }

            public boolean generateMissingKey() {
                return true;
            }

            public Optional<List<String>> previousMasterKeys() {
                return Optional.of(List.of(Base64.getEncoder().encodeToString(material)));
            }
        };

        assertThat(new MasterKeyLoader(config).previous()).extracting(MasterKey::id)
                .containsExactly(new MasterKey(material).id());
    }

    private static byte[] bytes(int seed) {
        byte[] material = new byte[MasterKey.LENGTH_BYTES];
        for (int i = 0; i < material.length; i++) {
            material[i] = (byte) (seed * 31 + i);
        }
        return material;
    }

    private static SecretsConfig config(String key, Path file, boolean generate) {
        return new SecretsConfig() {
            public Optional<String> masterKey() {
                return Optional.ofNullable(key);
            }

            public Path masterKeyFile() {
                return file;
            }

            public boolean generateMissingKey() {
                return generate;
            }

            public Optional<List<String>> previousMasterKeys() {
                return Optional.empty();
            }
        };
    }
}

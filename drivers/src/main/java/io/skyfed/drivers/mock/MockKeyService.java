package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.NotFoundException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Key pairs, named by their id as in EC2. Generated keys are deterministic stand-ins derived from the name
 * (the mock never needs to log in), shown once, like a provider shows a new private key once.
 */
final class MockKeyService implements KeyService {

    private final MockCloud cloud;

    MockKeyService(MockCloud cloud) {
        this.cloud = cloud;
    }

    @Override
    public List<KeyPair> list() {
        return List.copyOf(cloud.keys.values());
    }

    @Override
    public KeyPair get(String id) {
        return MockSession.get(cloud.keys, "key", id);
    }

    @Override
    public KeyPair create(String name, String publicKey) {
        MockNames.idSafe("name", name);
        synchronized (cloud) {
            if (cloud.keys.containsKey(name)) {
                throw new InvalidArgumentException("name", "a key named '" + name + "' exists");
            }
            KeyPair created = publicKey == null ? generated(name) : imported(name, publicKey);
            cloud.keys.put(name, created.withoutPrivateKey());
            return created;
        }
    }

    @Override
    public void delete(String id) {
        if (cloud.keys.remove(id) == null) {
            throw new NotFoundException("key", id);
        }
    }

    static KeyPair generated(String name) {
        byte[] material = digest("SHA-512", "skyfed-mock-key:" + name);
        String pem = "-----BEGIN RSA PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(material)
                + "\n-----END RSA PRIVATE KEY-----\n";
        return new KeyPair(name, name, fingerprint(material), pem);
    }

    private static KeyPair imported(String name, String publicKey) {
        String trimmed = publicKey.trim();
        if (!trimmed.startsWith("ssh-") && !trimmed.startsWith("ecdsa-")) {
            throw new InvalidArgumentException("public_key", "not an OpenSSH public key");
        }
        return new KeyPair(name, name, fingerprint(trimmed.getBytes(StandardCharsets.UTF_8)), null);
    }

    private static String fingerprint(byte[] material) {
        byte[] md5 = digest("MD5", new String(material, StandardCharsets.ISO_8859_1));
        return HexFormat.ofDelimiter(":").formatHex(md5);
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a required JDK algorithm", e);
        }
    }
}

package io.skyfed.drivers.google;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.NotFoundException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jclouds.googlecomputeengine.domain.Metadata;

/**
 * Login keys as GCE keeps them: lines {@code user:ssh-rsa AAAA... user} in the project's {@code ssh-keys} metadata,
 * which the guest agent of every instance in the project reads. A key's id is its user name.
 *
 * <p>Writes carry the metadata's fingerprint, so GCE rejects a write based on a stale read (412) rather than losing
 * a concurrent change; they get one attempt.
 */
final class GoogleKeyService implements KeyService {

    private static final String USER = "[a-z_][a-z0-9_.-]{0,31}";

    private final GoogleAccount account;

    GoogleKeyService(GoogleAccount account) {
        this.account = account;
    }

    @Override
    public List<KeyPair> list() {
        return lines(metadata()).stream().map(GoogleKeyService::key)
                .sorted(Comparator.comparing(KeyPair::id)).toList();
    }

    @Override
    public KeyPair get(String id) {
        return line(metadata(), id).map(GoogleKeyService::key).orElseThrow(() -> new NotFoundException("key", id));
    }

    /** The {@code ssh-keys} line of an existing key, for an instance's own metadata. */
    String require(String name) {
        return line(metadata(), name).orElseThrow(() -> new InvalidArgumentException("keyname", "key '" + name
                + "' does not exist"));
    }

    @Override
    public KeyPair create(String name, String publicKey) {
        if (name == null || !name.matches(USER)) {
            throw new InvalidArgumentException("name", "a key name is a login name: lower-case letters, digits, "
                    + "'_', '.', '-', at most 32");
        }
        Metadata metadata = metadata();
        if (line(metadata, name).isPresent()) {
            throw new InvalidArgumentException("name", "key '" + name + "' already exists");
        }
        String privatePem = null;
        String openSsh = publicKey == null ? null : publicKey.trim();
        if (openSsh == null) {
            java.security.KeyPair generated = generate();
            openSsh = "ssh-rsa " + Base64.getEncoder().encodeToString(sshBlob((RSAPublicKey) generated.getPublic()));
            privatePem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets
                    .US_ASCII)).encodeToString(generated.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        } else if (!openSsh.matches("(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp\\d+) [A-Za-z0-9+/=]+( .*)?")) {
            throw new InvalidArgumentException("public_key", "the public key is not in OpenSSH format");
        }
        String line = name + ":" + openSsh.split(" ")[0] + " " + openSsh.split(" ")[1] + " " + name;
        List<String> lines = new ArrayList<>(lines(metadata));
        lines.add(line);
        store("Projects:setCommonInstanceMetadata", name, metadata, lines);
        KeyPair created = key(line);
        return new KeyPair(created.id(), created.name(), created.fingerprint(), privatePem);
    }

    @Override
    public void delete(String id) {
        Metadata metadata = metadata();
        if (line(metadata, id).isEmpty()) {
            throw new NotFoundException("key", id);
        }
        List<String> lines = lines(metadata).stream().filter(l -> !l.startsWith(id + ":")).toList();
        store("Projects:setCommonInstanceMetadata", id, metadata, lines);
    }

    private void store(String operation, String id, Metadata current, List<String> lines) {
        Metadata updated = current.clone();
        if (lines.isEmpty()) {
            updated.remove(GoogleRecords.SSH_KEYS);
        } else {
            updated.put(GoogleRecords.SSH_KEYS, String.join("\n", lines));
        }
        var op = account.write(operation, "key", id,
                () -> account.api().project().setCommonInstanceMetadata(updated).selfLink());
        account.awaitOperation(operation, "key", id, op);
    }

    private Metadata metadata() {
        Metadata metadata = account.read("Projects:get", "key", null,
                () -> account.api().project().get().commonInstanceMetadata());
        return metadata == null ? Metadata.create() : metadata;
    }

    private static List<String> lines(Metadata metadata) {
        String keys = metadata.get(GoogleRecords.SSH_KEYS);
        return keys == null ? List.of() : keys.lines().map(String::trim).filter(l -> l.matches(USER + ":.+"))
                .collect(Collectors.toList());
    }

    private static Optional<String> line(Metadata metadata, String user) {
        return lines(metadata).stream().filter(l -> l.startsWith(user + ":")).findFirst();
    }

    private static KeyPair key(String line) {
        String user = line.substring(0, line.indexOf(':'));
        String[] parts = line.substring(line.indexOf(':') + 1).split(" ");
        String fingerprint = null;
        if (parts.length > 1) {
            try {
                byte[] md5 = MessageDigest.getInstance("MD5").digest(Base64.getDecoder().decode(parts[1]));
                fingerprint = HexFormat.ofDelimiter(":").formatHex(md5);
            } catch (GeneralSecurityException | IllegalArgumentException unreadable) {
                fingerprint = null;
            }
        }
        return new KeyPair(user, user, fingerprint, null);
    }

    private static java.security.KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is not available", e);
        }
    }

    /** The OpenSSH wire form of an RSA public key (RFC 4253, 6.6): string "ssh-rsa", mpint e, mpint n. */
    private static byte[] sshBlob(RSAPublicKey key) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (byte[] part : List.of("ssh-rsa".getBytes(StandardCharsets.US_ASCII),
                    key.getPublicExponent().toByteArray(), key.getModulus().toByteArray())) {
                out.writeInt(part.length);
                out.write(part);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

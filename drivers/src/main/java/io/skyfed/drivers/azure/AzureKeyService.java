package io.skyfed.drivers.azure;

import com.google.gson.JsonObject;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.NotFoundException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Keys are Microsoft.Compute/sshPublicKeys resources of the resource group (Compute "SSH Public Keys"), spoken
 * natively because jclouds' azurecompute-arm predates them. A generated key's private part comes from the
 * resource's generateKeyPair action and is shown once.
 */
final class AzureKeyService implements KeyService {

    static final String API = "2023-03-01";

    private final AzureAccount account;

    AzureKeyService(AzureAccount account) {
        this.account = account;
    }

    private String path(String name) {
        return "/resourceGroups/" + account.group() + "/providers/Microsoft.Compute/sshPublicKeys"
                + (name == null ? "" : "/" + name);
    }

    @Override
    public List<KeyPair> list() {
        List<KeyPair> keys = new ArrayList<>();
        for (JsonObject item : account.list("ListSshPublicKeys", "key", path(null), API)) {
            keys.add(key(item, null));
        }
        keys.sort(Comparator.comparing(KeyPair::id));
        return keys;
    }

    @Override
    public KeyPair get(String id) {
        if (!AzureNames.isResourceName(id)) {
            throw new NotFoundException("key", id);
        }
        return key(account.idempotent("GetSshPublicKey", "key", id, () -> account.arm.get(path(id), API)), null);
    }

    /** The OpenSSH public key text of a key, for a VM's osProfile. */
    String publicKeyOf(String name) {
        try {
            JsonObject resource = account.idempotent("GetSshPublicKey", "key", name,
                    () -> account.arm.get(path(name), API));
            return publicKey(resource);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("keyname", "key '" + name + "' does not exist");
        }
    }

    @Override
    public KeyPair create(String name, String publicKey) {
        if (name == null || !AzureNames.isResourceName(name)) {
            throw new InvalidArgumentException("name", "'" + name + "' is not a key name (letters, digits, - . _)");
        }
        if (publicKey != null && !publicKey.trim().matches("(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp\\d+) [A-Za-z0-9+/=]+( .*)?")) {
            throw new InvalidArgumentException("public_key", "not an OpenSSH public key");
        }
        try {
            get(name);
            throw new InvalidArgumentException("name", "a key named '" + name + "' already exists");
        } catch (NotFoundException free) {
            // the name is free
        }
        JsonObject body = new JsonObject();
        body.addProperty("location", account.settings.location());
        JsonObject properties = new JsonObject();
        if (publicKey != null) {
            properties.addProperty("publicKey", publicKey.trim());
        }
        body.add("properties", properties);
        // PUT of a named resource: a repeat after a lost answer updates the same key
        JsonObject created = account.idempotent("CreateSshPublicKey", "key", name,
                () -> account.arm.put(path(name), API, body));
        if (publicKey != null) {
            return key(created, null);
        }
        JsonObject pair;
        try {
            // a second generateKeyPair would replace the key: one attempt
            pair = account.once("GenerateSshKeyPair", "key", name,
                    () -> account.arm.post(path(name) + "/generateKeyPair", API, null));
        } catch (RuntimeException e) {
            delete(name);
            throw e;
        }
        JsonObject resource = new JsonObject();
        resource.addProperty("name", name);
        JsonObject generated = new JsonObject();
        generated.add("publicKey", pair.get("publicKey"));
        resource.add("properties", generated);
        return key(resource, pair.get("privateKey").getAsString());
    }

    @Override
    public void delete(String id) {
        get(id);
        account.idempotent("DeleteSshPublicKey", "key", id, () -> {
            account.arm.delete(path(id), API);
            return null;
        });
    }

    private static String publicKey(JsonObject resource) {
        JsonObject properties = resource.getAsJsonObject("properties");
        return properties == null || !properties.has("publicKey") || properties.get("publicKey").isJsonNull()
                ? null : properties.get("publicKey").getAsString();
    }

    private static KeyPair key(JsonObject resource, String privateKey) {
        String name = resource.get("name").getAsString();
        return new KeyPair(name, name, fingerprint(publicKey(resource)), privateKey);
    }

    /** The MD5 fingerprint OpenSSH prints (aa:bb:...), or null for a key without its public part yet. */
    static String fingerprint(String publicKey) {
        if (publicKey == null) {
            return null;
        }
        String[] parts = publicKey.trim().split("\\s+");
        if (parts.length < 2) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(Base64.getDecoder().decode(parts[1]));
            return HexFormat.ofDelimiter(":").formatHex(digest);
        } catch (IllegalArgumentException | NoSuchAlgorithmException e) {
            return null;
        }
    }
}

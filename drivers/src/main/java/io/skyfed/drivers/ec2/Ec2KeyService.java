package io.skyfed.drivers.ec2;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.w3c.dom.Element;

/** EC2 key pairs; a key's id is its name, as in EC2. */
final class Ec2KeyService implements KeyService {

    private final Ec2Account account;

    Ec2KeyService(Ec2Account account) {
        this.account = account;
    }

    @Override
    public List<KeyPair> list() {
        return describe(Map.of(), null).stream().sorted(Comparator.comparing(KeyPair::id)).toList();
    }

    @Override
    public KeyPair get(String id) {
        return describe(Map.of("KeyName.1", id), id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("key", id));
    }

    /**
     * Native, as the creates are: jclouds' DescribeKeyPairs parser reads every {@code item} as a key, so the items
     * of a tagged key's {@code tagSet} would break it.
     */
    private List<KeyPair> describe(Map<String, String> filter, String id) {
        return account.read("DescribeKeyPairs", "key", id, () -> Ec2Xml.items(
                account.query().call("DescribeKeyPairs", filter), "keySet")).stream().map(Ec2KeyService::key).toList();
    }

    void require(String name) {
        try {
            get(name);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("keyname", "key '" + name + "' does not exist");
        }
    }

    @Override
    public KeyPair create(String name, String publicKey) {
        if (name == null || !name.matches("[\\x20-\\x7e]{1,255}")) {
            throw new InvalidArgumentException("name", "a key name is 1 to 255 printable ASCII characters");
        }
        // Neither CreateKeyPair nor ImportKeyPair takes a ClientToken, and a repeated create fails as a duplicate:
        // the key carries the request token as a tag, and a retry first looks for it.
        String token = UUID.randomUUID().toString();
        String action = publicKey == null ? "CreateKeyPair" : "ImportKeyPair";
        Map<String, String> request = new LinkedHashMap<>(Ec2RequestToken.tagSpecification("key-pair", token));
        request.put("KeyName", name);
        if (publicKey != null) {
            request.put("PublicKeyMaterial", Base64.getEncoder().encodeToString(
                    publicKey.getBytes(StandardCharsets.UTF_8)));
        }
        Element made;
        try {
            made = account.lookUpBeforeRetry(action, "key", () -> madeEarlier(token, publicKey == null),
                    () -> account.query().call(action, request));
        } catch (InvalidArgumentException e) {
            // A key of ours would have been found by its token before a retry: this name is someone else's key.
            if (e.getMessage() != null && e.getMessage().startsWith("InvalidKeyPair.Duplicate")) {
                throw new InvalidArgumentException("name", "a key named '" + name + "' exists");
            }
            throw e;
        }
        return key(made);
    }

    /**
     * The key an earlier attempt of this create made. An imported key is the result; a generated one is deleted
     * and made again, since its private key was only in the lost answer.
     */
    private Optional<Element> madeEarlier(String token, boolean generated) {
        Optional<Element> earlier = Ec2Xml.items(account.query().call("DescribeKeyPairs",
                Ec2RequestToken.filter(token)), "keySet").stream().findFirst();
        if (generated && earlier.isPresent()) {
            account.query().call("DeleteKeyPair", Map.of("KeyName", Ec2Xml.text(earlier.get(), "keyName")));
            return Optional.empty();
        }
        return earlier;
    }

    @Override
    public void delete(String id) {
        get(id);
        account.read("DeleteKeyPair", "key", id, () -> account.query().call("DeleteKeyPair", Map.of("KeyName", id)));
    }

    /** A key from a Describe item or a create's answer (which alone holds a generated key's private key). */
    private static KeyPair key(Element k) {
        String name = Ec2Xml.text(k, "keyName");
        return new KeyPair(name, name, Ec2Xml.text(k, "keyFingerprint"), Ec2Xml.text(k, "keyMaterial"));
    }
}

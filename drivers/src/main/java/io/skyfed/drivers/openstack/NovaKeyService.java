package io.skyfed.drivers.openstack;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jclouds.openstack.nova.v2_0.extensions.KeyPairApi;

/** Nova key pairs (os-keypairs); a key's id is its name. */
final class NovaKeyService implements KeyService {

    private final OpenStackAccount account;

    NovaKeyService(OpenStackAccount account) {
        this.account = account;
    }

    private KeyPairApi api() {
        return account.nova().getKeyPairApi(account.region()).get();
    }

    @Override
    public List<KeyPair> list() {
        return account.read("list key pairs", "key", null, () -> api().list().toList()).stream()
                .map(k -> new KeyPair(k.getName(), k.getName(), k.getFingerprint(), null))
                .sorted(Comparator.comparing(KeyPair::id)).toList();
    }

    @Override
    public KeyPair get(String id) {
        org.jclouds.openstack.nova.v2_0.domain.KeyPair k = account.read("get key pair", "key", id, () -> api().get(id));
        if (k == null) {
            throw new NotFoundException("key", id);
        }
        return new KeyPair(k.getName(), k.getName(), k.getFingerprint(), null);
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
        if (name == null || !name.matches("[A-Za-z0-9_. -]{1,255}")) {
            throw new InvalidArgumentException("name", "a key name is 1 to 255 letters, digits, '_', '.', '-' or "
                    + "spaces");
        }
        org.jclouds.openstack.nova.v2_0.domain.KeyPair k;
        try {
            // A generated key gets one attempt: its private part is only in the answer, so a key found after a lost
            // answer would be useless. An imported key is retried, each retry first looking for the name holding
            // this public key (key names are unique per user).
            k = publicKey == null
                    ? account.write("create key pair", "key", name, () -> api().create(name))
                    : account.lookUpBeforeRetry("import key pair", "key", name, () -> Optional.ofNullable(api().get(name))
                            .filter(existing -> publicKey.trim().equals(String.valueOf(existing.getPublicKey()).trim())),
                            () -> api().createWithPublicKey(name, publicKey));
        } catch (InvalidStateException duplicate) {
            throw new InvalidArgumentException("name", "key '" + name + "' exists");
        }
        return new KeyPair(k.getName(), k.getName(), k.getFingerprint(), k.getPrivateKey());
    }

    @Override
    public void delete(String id) {
        get(id);
        account.read("delete key pair", "key", id, () -> api().delete(id));
    }
}

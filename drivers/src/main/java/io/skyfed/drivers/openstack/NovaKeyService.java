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
            // Nova takes no idempotency token and cannot tag a key pair, but names are unique per user: a retry
            // first looks the name up (LookUpBeforeRetry).
            k = publicKey == null ? generate(name)
                    : account.lookUpBeforeRetry("import key pair", "key", name, () -> Optional.ofNullable(api().get(name))
                            .filter(existing -> publicKey.trim().equals(String.valueOf(existing.getPublicKey()).trim())),
                            () -> api().createWithPublicKey(name, publicKey));
        } catch (InvalidStateException duplicate) {
            throw new InvalidArgumentException("name", "key '" + name + "' exists");
        }
        return new KeyPair(k.getName(), k.getName(), k.getFingerprint(), k.getPrivateKey());
    }

    /**
     * A key pair Nova generates (POST without public key; jclouds sends no microversion, so Nova answers as 2.1 and
     * still generates: 2.92 removed that). The name must be free before the first attempt, so a key found under it
     * after a lost answer is ours; its private key was only in that answer, so it is deleted and generated again.
     * Between the check and the create another client of the same Nova user could take the name: its create or ours
     * then fails as a duplicate, unless ours lost its answer and its key is found and replaced. Nova offers nothing
     * to tell the two apart (no tag, no token), and only clients holding this provider's credentials share the
     * namespace, so that window is accepted.
     */
    private org.jclouds.openstack.nova.v2_0.domain.KeyPair generate(String name) {
        if (account.read("get key pair", "key", name, () -> api().get(name)) != null) {
            throw new InvalidArgumentException("name", "key '" + name + "' exists");
        }
        return account.lookUpBeforeRetry("create key pair", "key", name, () -> {
            if (api().get(name) != null) {
                api().delete(name);
            }
            return Optional.empty();
        }, () -> api().create(name));
    }

    @Override
    public void delete(String id) {
        get(id);
        account.read("delete key pair", "key", id, () -> api().delete(id));
    }
}

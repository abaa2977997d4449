package io.skyfed.drivers.ec2;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.Comparator;
import java.util.List;

/** EC2 key pairs; a key's id is its name, as in EC2. */
final class Ec2KeyService implements KeyService {

    private final Ec2Account account;

    Ec2KeyService(Ec2Account account) {
        this.account = account;
    }

    @Override
    public List<KeyPair> list() {
        return account.read("DescribeKeyPairs", "key", null,
                        () -> account.api().getKeyPairApi().get().describeKeyPairsInRegion(account.region()))
                .stream().map(Ec2KeyService::key).sorted(Comparator.comparing(KeyPair::id)).toList();
    }

    @Override
    public KeyPair get(String id) {
        return account.read("DescribeKeyPairs", "key", id,
                        () -> account.api().getKeyPairApi().get().describeKeyPairsInRegion(account.region(), id))
                .stream().findFirst().map(Ec2KeyService::key).orElseThrow(() -> new NotFoundException("key", id));
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
        // Neither CreateKeyPair nor ImportKeyPair takes an idempotency token, and a retried create would fail as a
        // duplicate (or, worse, lose the private key): one attempt only.
        org.jclouds.ec2.domain.KeyPair created = publicKey == null
                ? account.write("CreateKeyPair", "key", name,
                        () -> account.api().getKeyPairApi().get().createKeyPairInRegion(account.region(), name))
                : account.write("ImportKeyPair", "key", name,
                        () -> account.api().getKeyPairApi().get().importKeyPairInRegion(account.region(), name,
                                publicKey));
        return new KeyPair(created.getKeyName(), created.getKeyName(), fingerprint(created),
                created.getKeyMaterial());
    }

    @Override
    public void delete(String id) {
        get(id);
        account.read("DeleteKeyPair", "key", id, () -> {
            account.api().getKeyPairApi().get().deleteKeyPairInRegion(account.region(), id);
            return null;
        });
    }

    private static KeyPair key(org.jclouds.ec2.domain.KeyPair k) {
        return new KeyPair(k.getKeyName(), k.getKeyName(), fingerprint(k), null);
    }

    private static String fingerprint(org.jclouds.ec2.domain.KeyPair k) {
        return k.getFingerprint() != null ? k.getFingerprint() : k.getSha1OfPrivateKey();
    }
}

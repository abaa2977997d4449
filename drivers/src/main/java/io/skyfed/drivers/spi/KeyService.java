package io.skyfed.drivers.spi;

import java.util.List;

/** Key pairs ({@link CollectionKind#KEYS}). */
public interface KeyService {

    List<KeyPair> list();

    /** @throws NotFoundException when there is no such key */
    KeyPair get(String id);

    /**
     * Generates a key pair, or registers {@code publicKey} when it is not null.
     *
     * @throws InvalidArgumentException when the name is taken or malformed, or the public key unreadable
     */
    KeyPair create(String name, String publicKey);

    /** @throws NotFoundException when there is no such key */
    void delete(String id);
}

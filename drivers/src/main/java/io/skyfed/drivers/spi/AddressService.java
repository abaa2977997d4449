package io.skyfed.drivers.spi;

import java.util.List;

/** Public addresses ({@link CollectionKind#ADDRESSES}). */
public interface AddressService {

    List<Address> list();

    /** @throws NotFoundException when there is no such address */
    Address get(String id);

    /** Allocates a new address. */
    Address create();

    /** @throws InvalidStateException while the address is associated */
    void delete(String id);

    /** @throws InvalidStateException when the address is already associated */
    Address associate(String addressId, String instanceId);

    /** @throws InvalidStateException when the address is not associated */
    Address disassociate(String addressId);
}

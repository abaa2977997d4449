package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.InvalidStateException;

import java.util.List;

/** Public addresses from 192.0.2.0/24 (TEST-NET-1); the id is the address, as in EC2 classic. */
final class MockAddressService implements AddressService {

    private final MockCloud cloud;
    private final MockSession session;

    MockAddressService(MockCloud cloud, MockSession session) {
        this.cloud = cloud;
        this.session = session;
    }

    @Override
    public List<Address> list() {
        return List.copyOf(cloud.addresses.values());
    }

    @Override
    public Address get(String id) {
        return MockSession.get(cloud.addresses, "address", id);
    }

    @Override
    public Address create() {
        synchronized (cloud) {
            for (int host = 1; host < 255; host++) {
                String ip = "192.0.2." + host;
                if (!cloud.addresses.containsKey(ip)) {
                    Address address = new Address(ip, ip, null);
                    cloud.addresses.put(ip, address);
                    return address;
                }
            }
            throw new InvalidStateException("the address pool 192.0.2.0/24 is exhausted");
        }
    }

    @Override
    public void delete(String id) {
        synchronized (cloud) {
            if (get(id).instanceId() != null) {
                throw new InvalidStateException("address " + id + " is associated with " + get(id).instanceId());
            }
            cloud.addresses.remove(id);
        }
    }

    @Override
    public Address associate(String addressId, String instanceId) {
        synchronized (cloud) {
            Address address = get(addressId);
            session.instance(instanceId);
            if (address.instanceId() != null) {
                throw new InvalidStateException("address " + addressId + " is associated with " + address.instanceId());
            }
            Address associated = new Address(address.id(), address.ipAddress(), instanceId);
            cloud.addresses.put(addressId, associated);
            return associated;
        }
    }

    @Override
    public Address disassociate(String addressId) {
        synchronized (cloud) {
            Address address = get(addressId);
            if (address.instanceId() == null) {
                throw new InvalidStateException("address " + addressId + " is not associated");
            }
            Address free = new Address(address.id(), address.ipAddress(), null);
            cloud.addresses.put(addressId, free);
            return free;
        }
    }
}

package io.skyfed.drivers.ec2;

import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Elastic IP addresses of the VPC kind (EC2-Classic is retired), spoken natively through the Query API: jclouds'
 * address calls know only Classic's public-IP form. An address's id is its allocation id.
 */
final class Ec2AddressService implements AddressService {

    private static final String ID = "eipalloc-[0-9a-f]{8,17}";

    private final Ec2Account account;
    private final Ec2Session session;

    Ec2AddressService(Ec2Account account, Ec2Session session) {
        this.account = account;
        this.session = session;
    }

    @Override
    public List<Address> list() {
        return describe(Map.of()).stream().map(Allocation::address).sorted(Comparator.comparing(Address::id)).toList();
    }

    @Override
    public Address get(String id) {
        return allocation(id).address();
    }

    /** What the SPI's address leaves out: the association a disassociate names. */
    private record Allocation(String id, String publicIp, String instanceId, String associationId) {
        Address address() {
            return new Address(id, publicIp, instanceId);
        }
    }

    private Allocation allocation(String id) {
        if (id == null || !id.matches(ID)) {
            throw new NotFoundException("address", id);
        }
        return describe(Map.of("AllocationId.1", id)).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("address", id));
    }

    private List<Allocation> describe(Map<String, String> parameters) {
        return account.read("DescribeAddresses", "address", parameters.get("AllocationId.1"),
                () -> describeUnguarded(parameters));
    }

    /** For look-ups made inside a guarded attempt. */
    private List<Allocation> describeUnguarded(Map<String, String> parameters) {
        return Ec2Xml.items(account.query().call("DescribeAddresses", parameters), "addressesSet").stream()
                .filter(a -> Ec2Xml.text(a, "allocationId") != null)
                .map(a -> new Allocation(Ec2Xml.text(a, "allocationId"), Ec2Xml.text(a, "publicIp"),
                        Ec2Xml.text(a, "instanceId"), Ec2Xml.text(a, "associationId")))
                .toList();
    }

    private Optional<Boolean> addressIs(String id, Predicate<Allocation> condition) {
        return describeUnguarded(Map.of("AllocationId.1", id)).stream().findFirst().filter(condition).map(a -> true);
    }

    @Override
    public Address create() {
        // AllocateAddress takes no ClientToken: the request token tag is what a retry looks for first.
        String token = UUID.randomUUID().toString();
        Map<String, String> request = new HashMap<>(Ec2RequestToken.tagSpecification("elastic-ip", token));
        request.put("Domain", "vpc");
        String id = account.lookUpBeforeRetry("AllocateAddress", "address",
                () -> describeUnguarded(Ec2RequestToken.filter(token)).stream().findFirst().map(Allocation::id),
                () -> Ec2Xml.text(account.query().call("AllocateAddress", request), "allocationId"));
        return get(id);
    }

    @Override
    public void delete(String id) {
        Allocation current = allocation(id);
        if (current.associationId() != null) {
            throw new InvalidStateException("address " + id + " is associated with " + current.instanceId());
        }
        try {
            account.read("ReleaseAddress", "address", id,
                    () -> account.query().call("ReleaseAddress", Map.of("AllocationId", id)));
        } catch (NotFoundException gone) {
            // A retry after a lost answer finds the address released by the first attempt.
        }
    }

    @Override
    public Address associate(String addressId, String instanceId) {
        Allocation current = allocation(addressId);
        if (current.associationId() != null) {
            throw new InvalidStateException("address " + addressId + " is associated with " + current.instanceId());
        }
        try {
            session.instance(instanceId);
        } catch (NotFoundException e) {
            throw new InvalidArgumentException("instance_id", "instance '" + instanceId + "' does not exist");
        }
        // AllowReassociation stays false, so a retry cannot take the address from another instance; it looks first.
        account.lookUpBeforeRetry("AssociateAddress", "address",
                () -> addressIs(addressId, a -> instanceId.equals(a.instanceId())),
                () -> account.query().call("AssociateAddress", Map.of("AllocationId", addressId,
                        "InstanceId", instanceId)) != null);
        return get(addressId);
    }

    @Override
    public Address disassociate(String addressId) {
        Allocation current = allocation(addressId);
        if (current.associationId() == null) {
            throw new InvalidStateException("address " + addressId + " is not associated");
        }
        account.lookUpBeforeRetry("DisassociateAddress", "address",
                () -> addressIs(addressId, a -> a.associationId() == null),
                () -> account.query().call("DisassociateAddress",
                        Map.of("AssociationId", current.associationId())) != null);
        return get(addressId);
    }
}

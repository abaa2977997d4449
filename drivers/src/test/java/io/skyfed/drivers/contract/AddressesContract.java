package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.AddressService;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of the addresses collection (public addresses moved between instances), for drivers that declare it. */
public interface AddressesContract extends DriverUnderTest {

    @Test
    default void addressesAssociateWithInstancesAndRelease() {
        AddressService addresses = session().addresses().orElseThrow();
        Instance instance = session().createInstance(InstanceSpec.ofImage(imageForTests()));
        Address address = addresses.create();
        try {
            assertThat(addresses.list()).extracting(Address::id).contains(address.id());
            awaitState(instance.id(), InstanceState.RUNNING);
            assertThat(addresses.associate(address.id(), instance.id()).instanceId()).isEqualTo(instance.id());
            assertThatThrownBy(() -> addresses.delete(address.id())).isInstanceOf(InvalidStateException.class);
            assertThat(addresses.disassociate(address.id()).instanceId()).isNull();
            assertThatThrownBy(() -> addresses.disassociate(address.id())).isInstanceOf(InvalidStateException.class);
        } finally {
            addresses.delete(address.id());
            session().destroy(instance.id());
        }
        assertThatThrownBy(() -> addresses.get(address.id())).isInstanceOf(NotFoundException.class);
    }
}

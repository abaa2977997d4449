package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.KeyPair;
import io.skyfed.drivers.spi.KeyService;
import io.skyfed.drivers.spi.NotFoundException;
import org.junit.jupiter.api.Test;

import static io.skyfed.drivers.contract.DriverContractTest.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of the keys collection, for drivers that declare it. */
public interface KeysContract extends DriverUnderTest {

    @Test
    default void keysCanBeCreatedAndDeleted() {
        KeyService keys = session().keys().orElseThrow();
        String name = uniqueName("key");
        KeyPair created = keys.create(name, null);
        try {
            assertThat(created.privateKeyPem()).as("a new key shows its private part once").isNotBlank();
            assertThat(keys.get(created.id()).privateKeyPem()).isNull();
            assertThat(keys.list()).extracting(KeyPair::id).contains(created.id());
            assertThatThrownBy(() -> keys.create(name, null)).isInstanceOf(InvalidArgumentException.class);
        } finally {
            keys.delete(created.id());
        }
        assertThatThrownBy(() -> keys.get(created.id())).isInstanceOf(NotFoundException.class);
    }
}

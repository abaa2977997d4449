package io.skyfed.drivers;

import io.skyfed.drivers.mock.MockDriverFactory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DriverRegistryTest {

    @Test
    void findsTheMockThroughServiceLoader() {
        DriverRegistry registry = DriverRegistry.load();
        assertThat(registry.find("mock")).get().isInstanceOf(MockDriverFactory.class);
        assertThat(registry.all()).extracting(f -> f.id()).contains("mock").isSorted();
    }

    @Test
    void unknownAndNullNamesFindNothing() {
        DriverRegistry registry = DriverRegistry.load();
        assertThat(registry.find("no-such-driver")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void refusesTwoDriversWithOneName() {
        assertThatThrownBy(() -> new DriverRegistry(List.of(new MockDriverFactory(), new MockDriverFactory())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'mock'");
    }
}

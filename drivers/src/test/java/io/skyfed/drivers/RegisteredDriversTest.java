package io.skyfed.drivers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.ec2.Ec2DriverFactory;
import io.skyfed.drivers.libvirt.LibvirtDriverFactory;
import io.skyfed.drivers.openstack.OpenStackDriverFactory;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderSettings;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real drivers are found under their Deltacloud names and describe themselves before any account exists. */
class RegisteredDriversTest {

    private final DriverRegistry registry = DriverRegistry.load();

    @Test
    void realDriversAreRegisteredUnderTheirDeltacloudNames() {
        assertThat(registry.find("ec2")).get().isInstanceOf(Ec2DriverFactory.class);
        assertThat(registry.find("openstack")).get().isInstanceOf(OpenStackDriverFactory.class);
        assertThat(registry.find("libvirt")).get().isInstanceOf(LibvirtDriverFactory.class);
        for (DriverFactory factory : registry.all()) {
            assertThat(factory.displayName().toLowerCase(Locale.ROOT)).isEqualTo(factory.id());
            assertThat(factory.health("never-connected")).isEmpty();
        }
    }

    @Test
    void badProviderSettingsAreRefusedWithAClearMessageBeforeAnyCall() {
        Credentials any = new Credentials("user", "secret");
        assertThatThrownBy(() -> registry.find("ec2").orElseThrow().connect(any,
                new ProviderSettings("p", null, "mars-north-1", Map.of())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("region");
        assertThatThrownBy(() -> registry.find("ec2").orElseThrow().connect(any,
                new ProviderSettings("p", URI.create("ftp://example"), "us-east-1", Map.of())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> registry.find("ec2").orElseThrow().connect(any,
                new ProviderSettings("p", null, "us-east-1", Map.of("fault.timeout", "soon"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("fault.timeout");
        assertThatThrownBy(() -> registry.find("openstack").orElseThrow().connect(any,
                new ProviderSettings("p", URI.create("https://keystone.example/v3"), null, Map.of())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("keystone.scope");
        assertThatThrownBy(() -> registry.find("libvirt").orElseThrow().connect(any,
                new ProviderSettings("p", URI.create("http://not-libvirt"), null, Map.of())))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("qemu");
        assertThatThrownBy(() -> registry.find("libvirt").orElseThrow().connect(any,
                new ProviderSettings("p", URI.create("test:///x.xml"), null, Map.of("image-pool", "../etc"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("image-pool");
    }
}

package io.skyfed.drivers.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.Credentials;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * Logins answer libvirt in memory that only libvirt frees: many logins with garbage collections in between must
 * neither corrupt the heap (which aborts the JVM) nor fail.
 */
class PasswordAuthTest {

    @Test
    void manyLoginsLeaveTheHeapIntact() throws LibvirtException {
        String uri = LibvirtTestHost.uri().toString();
        for (int i = 0; i < 60; i++) {
            Connect c = new Connect(uri, new PasswordAuth(LibvirtTestHost.credentials()), 0);
            assertThat(c.nodeInfo().cpus).isEqualTo(32);
            c.close();
            if (i % 10 == 0) {
                System.gc();
                System.runFinalization();
            }
        }
    }

    @Test
    void wrongPasswordIsRefused() {
        String uri = LibvirtTestHost.uri().toString();
        assertThatThrownBy(() -> new Connect(uri, new PasswordAuth(new Credentials("skyfed", "nope")), 0))
                .isInstanceOf(LibvirtException.class).hasMessageContaining("authentication failed");
    }
}

package io.skyfed.broker.workflow;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.skyfed.drivers.libvirt.LibvirtDaemonPools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.libvirt.LibvirtException;

/**
 * A libvirt site on the real libvirtd ({@code dc-libvirtd}, pools of this JVM's own, which the test removes) and a
 * public mock ({@code cloud-mock}), with the job engine on: migrations that really move disks through libvirt's
 * volume streams.
 */
public class LibvirtDaemonProfile implements QuarkusTestProfile {

    static final String LIBVIRTD = "dc-libvirtd";
    static final String CLOUD = "cloud-mock";
    /** Names this JVM's pools: the same from the profile and from the test, whichever class loader runs them. */
    static final String POOLS = "e2e-" + ProcessHandle.current().pid();
    private static final String CREATED = "skyfed.test.libvirtd-pools";

    @Override
    public Map<String, String> getConfigOverrides() {
        createPools();
        Map<String, String> config = JobEngineProfile.engine();
        JobEngineProfile.mockSite(config, CLOUD, Map.of());
        String prefix = "skyfed.providers." + LIBVIRTD + ".";
        config.put(prefix + "driver", "libvirt");
        config.put(prefix + "location", "on-premise");
        LibvirtDaemonPools.properties(POOLS).forEach((key, value) -> config.put(prefix + "properties.\"" + key
                + "\"", value));
        return config;
    }

    /** Once per JVM: Quarkus asks for the overrides more than once, from more than one class loader. */
    private static synchronized void createPools() {
        if (System.getProperty(CREATED) != null) {
            return;
        }
        System.setProperty(CREATED, POOLS);
        try {
            LibvirtDaemonPools.create(POOLS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LibvirtException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.skyfed.broker.workflow;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Real drivers on both sides of a migration: {@code dc-kvm} is the libvirt driver on libvirt's test driver (a
 * described host, {@code dc-kvm.xml}), {@code dc-mock} an on-premise mock, {@code cloud-mock} a public mock that
 * imports only VMDK. The policy engine sees the two mocks (burst as soon as on premise passes 85%); its loop is
 * ticked by the tests, not by a timer.
 */
public class EndToEndProfile implements QuarkusTestProfile {

    static final String KVM = "dc-kvm";
    static final String ON_PREMISE = "dc-mock";
    static final String CLOUD = "cloud-mock";

    /** The mock sites' provider properties, so tests open the same mock clouds as the broker. */
    static final Map<String, Map<String, String>> MOCKS = Map.of(ON_PREMISE, Map.of(),
            CLOUD, Map.of("import-formats", "vmdk"));

    /** The libvirt site's provider properties. */
    static final Map<String, String> KVM_PROPERTIES = Map.of("image-pool", "images", "instance-pool", "images",
            "domain-type", "test", "realm", "kvm-01");

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = JobEngineProfile.engine();
        MOCKS.forEach((site, properties) -> {
            String prefix = "skyfed.providers." + site + ".";
            config.put(prefix + "driver", "mock");
            config.put(prefix + "location", site.equals(CLOUD) ? "public" : "on-premise");
            config.put(prefix + "user", "mockuser");
            config.put(prefix + "secret", "mockpassword");
            properties.forEach((key, value) -> config.put(prefix + "properties.\"" + key + "\"", value));
        });
        String kvm = "skyfed.providers." + KVM + ".";
        config.put(kvm + "driver", "libvirt");
        config.put(kvm + "location", "on-premise");
        config.put(kvm + "endpoint", kvmUri());
        KVM_PROPERTIES.forEach((key, value) -> config.put(kvm + "properties.\"" + key + "\"", value));
        config.put("skyfed.policy.file",
                Path.of("src/test/resources/policy/burst-at-85.yaml").toAbsolutePath().toString());
        config.put("skyfed.policy.providers", ON_PREMISE + "," + CLOUD);
        config.put("skyfed.policy.sites." + CLOUD + ".vcpu-hour", "0.05");
        return config;
    }

    static String kvmUri() {
        try {
            Path node = Path.of(EndToEndProfile.class.getResource("/libvirt/dc-kvm.xml").toURI());
            return "test://" + node.toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

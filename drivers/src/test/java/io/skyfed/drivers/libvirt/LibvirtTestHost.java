package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.ProviderSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The checked-in described host, as libvirt's test driver serves it (a fresh copy per connection). */
final class LibvirtTestHost {

    static final String REALM = "kvm-01";

    private LibvirtTestHost() {
    }

    static Credentials credentials() {
        return new Credentials("skyfed", "kvm-secret");
    }

    static ProviderSettings settings(String providerId, Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("image-pool", "images", "instance-pool", "images",
                "domain-type", "test", "realm", REALM));
        properties.putAll(extra);
        return new ProviderSettings(providerId, uri(), null, properties);
    }

    static URI uri() {
        try {
            Path node = Path.of(LibvirtTestHost.class.getResource("/libvirt/kvm-host.xml").toURI());
            return URI.create("test://" + node.toAbsolutePath());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

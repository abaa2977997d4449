package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.ProviderSettings;
import io.skyfed.drivers.fakes.RecordedProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/** The checked-in described host, as libvirt's test driver serves it (a fresh copy per connection). */
public final class LibvirtTestHost {

    static final String REALM = "kvm-01";

    private LibvirtTestHost() {
    }

    static Credentials credentials() {
        return new Credentials("skyfed", "kvm-secret");
    }

    static ProviderSettings settings(String providerId, Map<String, String> extra) {
        return new ProviderSettings(providerId, uri(), null, properties(extra));
    }

    private static Map<String, String> properties(Map<String, String> extra) {
        Map<String, String> properties = new HashMap<>(Map.of("image-pool", "images", "instance-pool", "images",
                "domain-type", "test", "realm", REALM));
        properties.putAll(extra);
        return properties;
    }

    /**
     * The described host for tests outside this module, where it may sit in a jar: copied to a file for libvirt,
     * and given as property {@code uri} (a {@code test:///} URI has no host, which endpoints must have).
     */
    public static RecordedProvider recorded(String providerId) {
        Path copy;
        try (InputStream in = LibvirtTestHost.class.getResourceAsStream("/libvirt/kvm-host.xml")) {
            copy = Files.createTempFile("kvm-host", ".xml");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RecordedProvider("libvirt", new ProviderSettings(providerId, null, null,
                properties(Map.of("uri", "test://" + copy.toAbsolutePath()))), credentials(), () -> Files.deleteIfExists(copy));
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

package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.Address;
import io.skyfed.drivers.spi.Blob;
import io.skyfed.drivers.spi.Firewall;
import io.skyfed.drivers.spi.FirewallDirection;
import io.skyfed.drivers.spi.FirewallRule;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InstanceProfile;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.Listener;
import io.skyfed.drivers.spi.LoadBalancer;
import io.skyfed.drivers.spi.Realm;
import io.skyfed.drivers.spi.StorageSnapshot;
import io.skyfed.drivers.spi.StorageVolume;
import io.skyfed.drivers.spi.VolumeAttachment;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The mock provider's starting inventory: the same on every start, shaped like Deltacloud's mock (two realms,
 * the m1 profiles with fixed, range and enum properties plus an opaque one, a few images, instances, volumes,
 * snapshots, buckets, addresses, firewalls and a load balancer).
 */
final class MockSeed {

    /** Seed data is dated at a fixed moment so listings are reproducible. */
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    static final String OWNER = MockDriverFactory.USER;

    private MockSeed() {
    }

    static List<Realm> realms() {
        return List.of(new Realm("us", "United States", true, null), new Realm("eu", "Europe", true, null));
    }

    static List<HardwareProfile> hardwareProfiles() {
        return List.of(
                new HardwareProfile("m1-small", "m1-small", List.of(
                        HardwareProperty.fixed(HardwareProperty.CPU, "count", "1"),
                        HardwareProperty.fixed(HardwareProperty.MEMORY, "MB", "1740.8"),
                        HardwareProperty.fixed(HardwareProperty.STORAGE, "GB", "160"),
                        HardwareProperty.fixed(HardwareProperty.ARCHITECTURE, "label", "i386"))),
                new HardwareProfile("m1-large", "m1-large", List.of(
                        HardwareProperty.range(HardwareProperty.CPU, "count", "1", "6", "1"),
                        HardwareProperty.range(HardwareProperty.MEMORY, "MB", "7680", "15360", "10240"),
                        HardwareProperty.enumeration(HardwareProperty.STORAGE, "GB", List.of("850", "1024"), "850"),
                        HardwareProperty.fixed(HardwareProperty.ARCHITECTURE, "label", "x86_64"))),
                new HardwareProfile("m1-xlarge", "m1-xlarge", List.of(
                        HardwareProperty.fixed(HardwareProperty.CPU, "count", "4"),
                        HardwareProperty.range(HardwareProperty.MEMORY, "MB", "12288", "32768", "12288"),
                        HardwareProperty.enumeration(HardwareProperty.STORAGE, "GB", List.of("1024", "2048", "4096"), "1024"),
                        HardwareProperty.fixed(HardwareProperty.ARCHITECTURE, "label", "x86_64"))),
                new HardwareProfile("opaque", "opaque", List.of()));
    }

    /** The profiles an image of {@code architecture} can run with (opaque fits everything). */
    static List<String> profilesFor(String architecture) {
        return "i386".equals(architecture) ? List.of("m1-small", "opaque") : List.of("m1-large", "m1-xlarge", "opaque");
    }

    static void populate(MockCloud cloud) {
        image(cloud, "img1", "Fedora 39 (32-bit)", "Fedora 39 Cloud Base", "fedoraproject", "i386");
        image(cloud, "img2", "Fedora 39 (64-bit)", "Fedora 39 Cloud Base", "fedoraproject", "x86_64");
        image(cloud, "img3", "Debian 12 web server", "Debian 12 with nginx, prepared by mockuser", OWNER, "x86_64");

        cloud.keys.put("test-key", MockKeyService.generated("test-key").withoutPrivateKey());
        cloud.firewalls.put("default", new Firewall("default", "default", "Default security group", OWNER, List.of(
                new FirewallRule("rule-ssh", "tcp", 22, 22, List.of("0.0.0.0/0"), List.of()))));
        cloud.firewalls.put("web", new Firewall("web", "web", "Web servers", OWNER, List.of(
                new FirewallRule("rule-http", "tcp", 80, 80, List.of("0.0.0.0/0"), List.of()),
                new FirewallRule("rule-https", "tcp", 443, 443, List.of("0.0.0.0/0"), List.of()),
                new FirewallRule("rule-admin", "tcp", 8080, 8090, List.of("10.0.0.0/8"), List.of("default")),
                new FirewallRule("rule-dns-out", "udp", 53, 53, List.of("0.0.0.0/0"), List.of(),
                        FirewallDirection.EGRESS))));

        cloud.storeInstance("inst0", "Mock Instance With Profile Change", OWNER, "img2", "us",
                new InstanceProfile("m1-large", Map.of(HardwareProperty.MEMORY, "12288")), "test-key",
                List.of("default", "web"), InstanceState.RUNNING, EPOCH);
        cloud.storeInstance("inst1", "MockUserInstance", OWNER, "img1", "eu",
                new InstanceProfile("m1-small", Map.of()), null, List.of("default"), InstanceState.RUNNING, EPOCH);
        cloud.storeInstance("inst2", "StoppedInstance", OWNER, "img2", "us",
                new InstanceProfile("m1-xlarge", Map.of()), null, List.of(), InstanceState.STOPPED, EPOCH);
        // Another account's instance: the mock, like a cloud, shows each account only its own.
        cloud.storeInstance("inst3", "AnotherUsersInstance", "anotheruser", "img2", "eu",
                new InstanceProfile("m1-large", Map.of()), null, List.of(), InstanceState.RUNNING, EPOCH);
        cloud.sequence.set(4);

        VolumeAttachment attached = new VolumeAttachment("vol2", "inst0", "/dev/vdb");
        cloud.volumes.put("vol1", new StorageVolume("vol1", "data-us", 1, "us", "AVAILABLE", "Scratch space", null, null, EPOCH));
        cloud.volumes.put("vol2", new StorageVolume("vol2", "db-us", 10, "us", "IN-USE", "Database files", null, attached, EPOCH));
        cloud.volumes.put("vol3", new StorageVolume("vol3", "data-eu", 1, "eu", "AVAILABLE", null, null, null, EPOCH));
        cloud.updateInstance("inst0", i -> MockInstances.withVolumes(i, List.of(attached)));
        cloud.snapshots.put("snap1", new StorageSnapshot("snap1", "snap1", "vol1", "COMPLETED", "Before upgrade", EPOCH));
        cloud.snapshots.put("snap2", new StorageSnapshot("snap2", "snap2", "vol2", "COMPLETED", "Nightly", EPOCH));
        cloud.snapshots.put("snap3", new StorageSnapshot("snap3", "snap3", "vol2", "COMPLETED", "Weekly", EPOCH));

        bucket(cloud, "bucket1", "us", Map.of("blob1", "Hello from the first blob", "blob2", "Second blob",
                "blob3", "Third blob, with metadata"));
        bucket(cloud, "bucket2", "eu", Map.of("blob4", "Fourth blob", "blob5", "Fifth blob"));

        for (int host = 1; host <= 4; host++) {
            String ip = "192.0.2." + host;
            cloud.addresses.put(ip, new Address(ip, ip, host == 1 ? "inst1" : null));
        }
        cloud.loadBalancers.put("lb1", new LoadBalancer("lb1", "lb1", List.of("us"),
                List.of(new Listener("HTTP", 80, 8080)), List.of("lb1.lb.mock.skyfed.test"), List.of("inst0"), EPOCH));
    }

    /**
     * Adds {@code count} running instances of {@code owner}, spread over the images, realms and profiles
     * (for benchmarks: a provider with a realistic inventory size).
     */
    static void seedInstances(MockCloud cloud, int count, String owner) {
        List<Image> images = List.copyOf(cloud.images.values());
        synchronized (cloud) {
            for (int n = 0; n < count; n++) {
                Image image = images.get(n % images.size());
                String realm = cloud.realms.get(n % cloud.realms.size()).id();
                List<String> profiles = image.hardwareProfileIds();
                String id = cloud.nextId("inst", cloud.instances);
                cloud.storeInstance(id, "bench-" + id, owner, image.id(), realm,
                        new InstanceProfile(profiles.get(n % profiles.size()), Map.of()), null, List.of("default"),
                        InstanceState.RUNNING, EPOCH);
            }
        }
    }

    private static void image(MockCloud cloud, String id, String name, String description, String owner, String arch) {
        cloud.images.put(id, new Image(id, name, description, owner, arch, "AVAILABLE", profilesFor(arch), EPOCH));
    }

    private static void bucket(MockCloud cloud, String name, String location, Map<String, String> blobs) {
        MockBucket bucket = new MockBucket(name, location);
        blobs.forEach((id, text) -> {
            byte[] content = text.getBytes(StandardCharsets.UTF_8);
            bucket.blobs().put(id, new MockBlob(new Blob(id, name, content.length, "text/plain", EPOCH,
                    Map.of("author", "mockuser", "version", "1")), content));
        });
        cloud.buckets.put(name, bucket);
    }
}

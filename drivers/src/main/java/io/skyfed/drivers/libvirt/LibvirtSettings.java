package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.resilience.FaultPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A libvirt provider's settings.
 *
 * @param uri           the libvirt connection URI: {@code qemu+ssh://host/system}, {@code qemu+tls://host/system},
 *                      {@code test:///abs/path/host.xml} in tests
 * @param imagePool     the storage pool whose volumes are the images (templates)
 * @param instancePool  the storage pool instance disks are cloned into
 * @param domainType    the domain type of new instances ({@code kvm}; {@code test} on the test driver)
 * @param architecture  the guest architecture of the images
 * @param network       the libvirt network new instances join; empty for none
 * @param realm         the realm id shown for this host; empty for the host name
 * @param cpuAllocationRatio how many vCPUs the host may give per physical CPU, for capacity figures
 * @param volumePool    the storage pool whose volumes are the storage volumes (and, named volume@snapshot, their
 *                      snapshots); never the image pool, or volumes would show as images
 * @param transferTimeout the budget of one disk upload ({@code transfer-timeout}), far above one call's timeout
 */
record LibvirtSettings(String uri, String imagePool, String instancePool, String domainType, String architecture,
                       Optional<String> network, Optional<String> realm, double cpuAllocationRatio,
                       String volumePool, Duration transferTimeout) {

    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";

    static LibvirtSettings from(String uri, Map<String, String> s) {
        if (uri == null || !uri.matches("(qemu|qemu\\+ssh|qemu\\+tls|qemu\\+tcp|qemu\\+unix|test)://.*")) {
            throw new IllegalArgumentException("libvirt endpoint " + uri + " is not a qemu(+ssh|+tls|+tcp|+unix):// "
                    + "or test:// URI");
        }
        String imagePool = name(s, "image-pool", "images");
        double ratio;
        try {
            ratio = Double.parseDouble(s.getOrDefault("cpu-allocation-ratio", "1.0"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("libvirt setting cpu-allocation-ratio is not a number", e);
        }
        if (!(ratio > 0 && ratio <= 64)) {
            throw new IllegalArgumentException("libvirt setting cpu-allocation-ratio must be in (0, 64]");
        }
        String volumePool = name(s, "volume-pool", "volumes");
        if (volumePool.equals(imagePool)) {
            throw new IllegalArgumentException("libvirt setting volume-pool must not be the image pool (" + imagePool
                    + "): its volumes would be listed as images");
        }
        return new LibvirtSettings(uri, imagePool, name(s, "instance-pool", imagePool), name(s, "domain-type", "kvm"),
                name(s, "architecture", "x86_64"), Optional.ofNullable(s.get("network")).map(n -> check("network", n)),
                Optional.ofNullable(s.get("realm")).map(r -> check("realm", r)), ratio, volumePool,
                FaultPolicy.transferTimeout(s));
    }

    private static String name(Map<String, String> s, String key, String fallback) {
        return check(key, s.getOrDefault(key, fallback));
    }

    private static String check(String key, String value) {
        if (!value.matches(NAME)) {
            throw new IllegalArgumentException("libvirt setting " + key + "=" + value + " is not a valid name");
        }
        return value;
    }
}

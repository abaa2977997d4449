package io.skyfed.drivers.azure;

import java.util.UUID;

/**
 * Resource names. Resource Manager keys resources by name and applies a PUT to the resource it names, so a create
 * whose name is fixed before the first attempt is safe to repeat: a retry after a lost answer updates the resource
 * the first attempt made instead of making a second one.
 */
final class AzureNames {

    private AzureNames() {
    }

    /** Names the driver accepts as ids: what Azure allows for VMs, disks, images and keys (and nothing to escape). */
    static boolean isResourceName(String id) {
        return id != null && id.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}") && !id.endsWith(".");
    }

    /** A fresh name for a resource the caller did not name: a prefix and 12 random hex digits. */
    static String generated(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static String nic(String vm) {
        return vm + "-nic";
    }

    static String publicIp(String vm) {
        return vm + "-ip";
    }

    static String osDisk(String vm) {
        return vm + "-osdisk";
    }
}

package io.skyfed.image.vhd;

import io.skyfed.image.WriteOptions;
import io.skyfed.image.formatkit.OptionReader;
import java.time.Instant;
import java.util.UUID;

/**
 * The size, geometry and footer of a VHD about to be written, from qemu's {@code -o} options: {@code subformat}
 * (dynamic, the default, or fixed), {@code force_size} (write the exact size with the maximal geometry and creator
 * "qem2", as qemu does) and our {@code azure_align} (round the size up to a whole MiB, as Azure requires; implies
 * force_size).
 */
record VhdLayout(boolean fixed, long currentSize, VhdGeometry geometry, String creator, UUID uniqueId, int timestamp) {

    static final long MIB = 1 << 20;

    static VhdLayout of(long virtualSize, WriteOptions options) {
        OptionReader o = new OptionReader(VhdFormat.NAME, options);
        boolean fixed = o.choice("subformat", "dynamic", "dynamic", "fixed").equals("fixed");
        boolean azure = o.flag("azure_align", false);
        boolean force = o.flag("force_size", azure);
        o.rejectUnknown();
        if (azure && !force) {
            throw new IllegalArgumentException("vpc: azure_align=on needs force_size=on (Azure reads current_size)");
        }
        long sectors = (virtualSize + 511) / 512;
        if (azure) {
            sectors = (sectors * 512 + MIB - 1) / MIB * (MIB / 512);
        }
        VhdGeometry geometry;
        long currentSectors;
        if (force) {
            geometry = VhdGeometry.MAX;
            currentSectors = sectors;
        } else {
            geometry = VhdGeometry.covering(sectors);
            currentSectors = geometry.isMax() ? sectors : geometry.sectors();
        }
        if (currentSectors > VhdImage.MAX_SECTORS) {
            throw new IllegalArgumentException("vpc: " + virtualSize + " bytes exceeds the VHD limit of 2040 GiB");
        }
        int timestamp = (int) (Instant.now().getEpochSecond() - VhdFooter.EPOCH_2000);
        return new VhdLayout(fixed, currentSectors * 512, geometry, force ? "qem2" : "qemu", UUID.randomUUID(),
                timestamp);
    }

    VhdFooter footer(long dataOffset) {
        return new VhdFooter(dataOffset, timestamp, creator, currentSize, currentSize, geometry,
                fixed ? VhdFooter.FIXED : VhdFooter.DYNAMIC, uniqueId);
    }
}

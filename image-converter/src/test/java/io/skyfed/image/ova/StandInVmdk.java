package io.skyfed.image.ova;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.vhd.VhdFormat;
import java.io.IOException;
import java.util.Map;

/**
 * Takes the registry name "vmdk" so the OVA machinery can be tested before the VMDK driver (another branch) is
 * merged: it checks it is asked for streamOptimized, then writes a fixed VHD, which the registry detects on reading.
 */
final class StandInVmdk implements ImageFormat {

    @Override
    public String name() {
        return "vmdk";
    }

    @Override
    public int probe(ByteSource source) {
        return 0;
    }

    @Override
    public DiskImage open(ByteSource source, OpenOptions options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public boolean writesSequentially() {
        return true;
    }

    @Override
    public ImageWriter create(WriteTarget target, long virtualSize, WriteOptions options) throws IOException {
        if (!"streamOptimized".equals(options.options().get("subformat"))) {
            throw new IllegalArgumentException("expected subformat=streamOptimized, got " + options.options());
        }
        return new VhdFormat().create(target, virtualSize,
                new WriteOptions(Map.of("subformat", "fixed", "force_size", "on"), false, 1));
    }
}

package io.skyfed.image.vhdx;

import io.skyfed.image.WriteOptions;
import io.skyfed.image.formatkit.OptionReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Where everything of a new VHDX goes, from qemu's {@code -o} options {@code subformat} (dynamic, the default, or
 * fixed), {@code block_size} (qemu's size-based default when absent), {@code log_size} (1 MiB) and
 * {@code block_state_zero} (off: never-written blocks are NOT_PRESENT, as FORMATS.md recommends; on: ZERO, as qemu).
 * Metadata first (1 MiB aligned), then the payload blocks.
 */
record VhdxLayout(boolean fixed, long virtualSize, int blockSize, long logLength, boolean blockStateZero,
                  long logOffset, long metadataOffset, long batOffset, long batLength, long payloadOffset,
                  long dataBlocks, long chunkRatio) {

    static final long MIB = 1 << 20;

    static VhdxLayout of(long requestedSize, WriteOptions options) {
        OptionReader o = new OptionReader(VhdxFormat.NAME, options);
        boolean fixed = o.choice("subformat", "dynamic", "dynamic", "fixed").equals("fixed");
        long virtualSize = (requestedSize + 511) / 512 * 512;
        long blockSize = o.size("block_size", 0);
        long logLength = o.size("log_size", MIB);
        boolean zero = o.flag("block_state_zero", false);
        o.rejectUnknown();
        if (blockSize == 0) {
            blockSize = virtualSize > (32L << 40) ? 64 * MIB : virtualSize > (100L << 30) ? 32 * MIB
                    : virtualSize > (1L << 30) ? 16 * MIB : 8 * MIB;
        }
        if (blockSize < MIB || blockSize > 256 * MIB || Long.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("vhdx: block_size must be a power of two from 1M to 256M");
        }
        if (logLength < MIB || logLength % MIB != 0 || logLength > (1L << 32) - MIB) {
            throw new IllegalArgumentException("vhdx: log_size must be a multiple of 1M");
        }
        if (virtualSize > VhdxMetadata.MAX_VIRTUAL_SIZE) {
            throw new IllegalArgumentException("vhdx: " + requestedSize + " bytes exceeds the VHDX limit of 64 TiB");
        }
        long chunkRatio = (1L << 23) * 512 / blockSize;
        long dataBlocks = (virtualSize + blockSize - 1) / blockSize;
        long entries = dataBlocks + (dataBlocks == 0 ? 0 : (dataBlocks - 1) / chunkRatio);
        // qemu counts BAT entries with (dataBlocks - 1) in unsigned 32-bit arithmetic: for an empty disk it wants
        // room for 0xFFFFFFFF / chunkRatio entries and refuses a smaller region, so an empty VHDX gets that room
        // (all zeros, as qemu-img create writes it).
        long regionEntries = dataBlocks == 0 ? 0xFFFFFFFFL / chunkRatio : entries;
        long batLength = Math.max(MIB, (regionEntries * 8 + MIB - 1) / MIB * MIB);
        long logOffset = MIB;
        long metadataOffset = logOffset + logLength;
        long batOffset = metadataOffset + MIB;
        return new VhdxLayout(fixed, virtualSize, (int) blockSize, logLength, zero, logOffset, metadataOffset,
                batOffset, batLength, batOffset + batLength, dataBlocks, chunkRatio);
    }

    long batIndex(long block) {
        return block + block / chunkRatio;
    }

    long entryCount() {
        return dataBlocks == 0 ? 0 : batIndex(dataBlocks - 1) + 1;
    }

    /** The first MiB: identifier, both headers, both region tables. */
    ByteBuffer headerArea() {
        ByteBuffer area = ByteBuffer.allocate((int) MIB).order(ByteOrder.LITTLE_ENDIAN);
        area.put(0, "vhdxfile".getBytes(StandardCharsets.US_ASCII));
        area.put(8, "skyfed-image".getBytes(StandardCharsets.UTF_16LE));
        UUID fileWrite = UUID.randomUUID();
        UUID dataWrite = UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            VhdxHeader h = new VhdxHeader(i + 1, fileWrite, dataWrite, io.skyfed.image.formatkit.Guids.NIL,
                    (int) logLength, logOffset);
            area.put(i == 0 ? (int) VhdxHeader.FIRST_AT : (int) VhdxHeader.SECOND_AT, h.encode().array());
        }
        byte[] regions = VhdxRegionTable.encode(batOffset, batLength, metadataOffset, MIB).array();
        area.put((int) VhdxRegionTable.FIRST_AT, regions);
        area.put((int) VhdxRegionTable.SECOND_AT, regions);
        return area;
    }

    ByteBuffer metadata() {
        return VhdxMetadata.encode(blockSize, fixed, virtualSize, UUID.randomUUID());
    }
}

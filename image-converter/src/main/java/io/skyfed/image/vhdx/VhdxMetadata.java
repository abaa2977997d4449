package io.skyfed.image.vhdx;

import io.skyfed.image.ByteSource;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.formatkit.Guids;
import io.skyfed.image.formatkit.Regions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The metadata region: block size, flags, virtual size, sector sizes, disk id and the parent locator. */
record VhdxMetadata(int blockSize, boolean leaveBlocksAllocated, boolean hasParent, long virtualSize,
                    int logicalSectorSize, int physicalSectorSize, UUID diskId, Map<String, String> parentLocator) {

    static final int TABLE_SIZE = 64 << 10;
    static final long MAX_VIRTUAL_SIZE = 64L << 40;
    static final UUID FILE_PARAMETERS = UUID.fromString("CAA16737-FA36-4D43-B3B6-33F0AA44E76B");
    static final UUID VIRTUAL_DISK_SIZE = UUID.fromString("2FA54224-CD1B-4876-B211-5DBED83BF4B8");
    static final UUID VIRTUAL_DISK_ID = UUID.fromString("BECA12AB-B2E6-4523-93EF-C309E000C746");
    static final UUID LOGICAL_SECTOR_SIZE = UUID.fromString("8141BF1D-A96F-4709-BA47-F233A8FAAB5F");
    static final UUID PHYSICAL_SECTOR_SIZE = UUID.fromString("CDA348C7-445D-4471-9CC9-E9885251C556");
    static final UUID PARENT_LOCATOR = UUID.fromString("A8D35F2D-B30B-454D-ABF7-D3D84834AB0C");
    private static final int MAX_ENTRIES = 2047;
    private static final int MAX_LOCATOR_ENTRIES = 64;

    static VhdxMetadata read(ByteSource source, long regionOffset, long regionLength) throws IOException {
        String where = source.name();
        ByteBuffer table = Regions.read(source, regionOffset, TABLE_SIZE, TABLE_SIZE, "VHDX metadata table",
                ByteOrder.LITTLE_ENDIAN);
        if (!Regions.hasSignature(table, 0, "metadata")) {
            throw new ImageFormatException(where + ": VHDX metadata table signature missing");
        }
        int count = table.getShort(10) & 0xFFFF;
        if (count > MAX_ENTRIES) {
            throw new ImageFormatException(where + ": VHDX metadata table has " + count + " entries (at most "
                    + MAX_ENTRIES + ")");
        }
        Map<UUID, ByteBuffer> items = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int at = 32 + i * 32;
            UUID id = Guids.readMixed(table, at);
            long offset = Integer.toUnsignedLong(table.getInt(at + 16));
            long length = Integer.toUnsignedLong(table.getInt(at + 20));
            boolean required = (table.getInt(at + 24) & 4) != 0;
            if (length == 0) {
                continue;
            }
            if (offset < TABLE_SIZE || offset + length > regionLength || length > (1 << 20)) {
                throw new ImageFormatException(where + ": VHDX metadata item " + id + " at " + offset + " (+"
                        + length + ") lies outside the metadata region");
            }
            boolean known = id.equals(FILE_PARAMETERS) || id.equals(VIRTUAL_DISK_SIZE) || id.equals(VIRTUAL_DISK_ID)
                    || id.equals(LOGICAL_SECTOR_SIZE) || id.equals(PHYSICAL_SECTOR_SIZE) || id.equals(PARENT_LOCATOR);
            if (!known) {
                if (required) {
                    throw new ImageFormatException(where + ": VHDX requires metadata item " + id
                            + ", which is not supported");
                }
                continue;
            }
            if (items.put(id, Regions.read(source, regionOffset + offset, length, 1 << 20, "VHDX metadata item",
                    ByteOrder.LITTLE_ENDIAN)) != null) {
                throw new ImageFormatException(where + ": VHDX metadata item " + id + " appears twice");
            }
        }
        ByteBuffer params = require(items, FILE_PARAMETERS, 8, where, "file parameters");
        int blockSize = params.getInt(0);
        int flags = params.getInt(4);
        long virtualSize = require(items, VIRTUAL_DISK_SIZE, 8, where, "virtual disk size").getLong(0);
        int logical = require(items, LOGICAL_SECTOR_SIZE, 4, where, "logical sector size").getInt(0);
        int physical = require(items, PHYSICAL_SECTOR_SIZE, 4, where, "physical sector size").getInt(0);
        ByteBuffer idItem = items.get(VIRTUAL_DISK_ID);
        UUID diskId = idItem != null && idItem.limit() >= 16 ? Guids.readMixed(idItem, 0) : Guids.NIL;
        if (blockSize < (1 << 20) || blockSize > (256 << 20) || Integer.bitCount(blockSize) != 1) {
            throw new ImageFormatException(where + ": VHDX block size " + Integer.toUnsignedString(blockSize)
                    + " is not a power of two from 1 MiB to 256 MiB");
        }
        if (logical != 512 && logical != 4096) {
            throw new ImageFormatException(where + ": VHDX logical sector size " + logical + " is not 512 or 4096");
        }
        if (virtualSize < 0 || virtualSize > MAX_VIRTUAL_SIZE || virtualSize % logical != 0) {
            throw new ImageFormatException(where + ": VHDX virtual size " + virtualSize
                    + " is not a multiple of the sector size up to 64 TiB");
        }
        boolean hasParent = (flags & 2) != 0;
        Map<String, String> locator = hasParent ? parentLocator(items.get(PARENT_LOCATOR), where) : Map.of();
        return new VhdxMetadata(blockSize, (flags & 1) != 0, hasParent, virtualSize, logical, physical, diskId,
                locator);
    }

    private static ByteBuffer require(Map<UUID, ByteBuffer> items, UUID id, int length, String where, String what)
            throws ImageFormatException {
        ByteBuffer item = items.get(id);
        if (item == null || item.limit() < length) {
            throw new ImageFormatException(where + ": VHDX metadata lacks the " + what);
        }
        return item;
    }

    /** The parent locator's key/value pairs (UTF-16LE strings: parent_linkage, relative_path, …). */
    private static Map<String, String> parentLocator(ByteBuffer item, String where) throws ImageFormatException {
        if (item == null || item.limit() < 20) {
            throw new ImageFormatException(where + ": differencing VHDX without a parent locator");
        }
        int count = item.getShort(18) & 0xFFFF;
        if (count > MAX_LOCATOR_ENTRIES || 20 + count * 12L > item.limit()) {
            throw new ImageFormatException(where + ": VHDX parent locator has " + count + " entries");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int at = 20 + i * 12;
            out.put(utf16(item, item.getInt(at), item.getShort(at + 8) & 0xFFFF, where),
                    utf16(item, item.getInt(at + 4), item.getShort(at + 10) & 0xFFFF, where));
        }
        return out;
    }

    private static String utf16(ByteBuffer item, int offset, int length, String where) throws ImageFormatException {
        if (offset < 0 || offset + (long) length > item.limit()) {
            throw new ImageFormatException(where + ": VHDX parent locator string outside its item");
        }
        byte[] b = new byte[length];
        item.get(offset, b);
        return new String(b, StandardCharsets.UTF_16LE);
    }

    /** The metadata region of a new disk: table at 0, items from 64 KiB. */
    static ByteBuffer encode(int blockSize, boolean leaveBlocksAllocated, long virtualSize, UUID diskId) {
        ByteBuffer region = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        region.put(0, "metadata".getBytes(StandardCharsets.US_ASCII));
        region.putShort(10, (short) 5);
        int data = TABLE_SIZE;
        data = item(region, 0, FILE_PARAMETERS, data, 8, 4);
        region.putInt(TABLE_SIZE, blockSize);
        region.putInt(TABLE_SIZE + 4, leaveBlocksAllocated ? 1 : 0);
        int sizeAt = data;
        data = item(region, 1, VIRTUAL_DISK_SIZE, data, 8, 4 | 2);
        region.putLong(sizeAt, virtualSize);
        int idAt = data;
        data = item(region, 2, VIRTUAL_DISK_ID, data, 16, 4 | 2);
        Guids.writeMixed(region, idAt, diskId);
        int logicalAt = data;
        data = item(region, 3, LOGICAL_SECTOR_SIZE, data, 4, 4 | 2);
        region.putInt(logicalAt, 512);
        int physicalAt = data;
        item(region, 4, PHYSICAL_SECTOR_SIZE, data, 4, 4 | 2);
        region.putInt(physicalAt, 4096);
        return region;
    }

    private static int item(ByteBuffer region, int index, UUID id, int offset, int length, int flags) {
        int at = 32 + index * 32;
        Guids.writeMixed(region, at, id);
        region.putInt(at + 16, offset);
        region.putInt(at + 20, length);
        region.putInt(at + 24, flags);
        return offset + length;
    }
}

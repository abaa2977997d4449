package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.OpenOptions;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Turns an imported image of any format the mock accepts into its guest-visible bytes, as a cloud would. */
final class MockDiskDecoder {

    /** The mock keeps imported disks in memory: refuse what would not fit a test's heap. */
    static final long MAX_DISK = 512 * MockDisk.MIB;

    private static final FormatRegistry FORMATS = FormatRegistry.load();

    private MockDiskDecoder() {
    }

    static byte[] guestContent(String format, byte[] image) {
        if (format.equals("raw")) {
            return image;
        }
        try (DiskImage disk = FORMATS.require(format).open(new Bytes(image), OpenOptions.untrusted())) {
            if (disk.virtualSize() > MAX_DISK) {
                throw new InvalidArgumentException("content", "the mock keeps disks of at most " + MAX_DISK + " bytes");
            }
            ByteBuffer content = ByteBuffer.allocate((int) disk.virtualSize());
            disk.read(0, content);
            return content.array();
        } catch (IOException e) {
            throw new InvalidArgumentException("content", "not a valid " + format + " image: " + e.getMessage());
        }
    }

    /** An in-memory image file. */
    private record Bytes(byte[] data) implements ByteSource {

        @Override
        public String name() {
            return "imported image";
        }

        @Override
        public long size() {
            return data.length;
        }

        @Override
        public int read(long position, ByteBuffer dst) {
            if (position >= data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), data.length - position);
            dst.put(data, (int) position, n);
            return n;
        }

        @Override
        public void close() {
        }
    }
}

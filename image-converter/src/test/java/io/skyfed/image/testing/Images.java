package io.skyfed.image.testing;

import io.skyfed.image.DiskImage;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.file.FileByteSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Test helpers: make raw content, patch bytes of an image, open and digest images through our readers. */
public final class Images {

    private Images() {
    }

    /** A sparse raw file of {@code size} bytes with random and text runs at a few places (deterministic). */
    public static void rawWithData(Path file, long size, long... offsets) throws IOException {
        Random random = new Random(42);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < offsets.length; i++) {
                byte[] b = new byte[(int) Math.min(300_000, size - offsets[i])];
                if (i % 2 == 0) {
                    random.nextBytes(b);
                } else {
                    for (int k = 0; k < b.length; k++) {
                        b[k] = (byte) ("the quick brown fox ".charAt(k % 20));
                    }
                }
                ch.write(ByteBuffer.wrap(b), offsets[i]);
            }
            if (ch.size() < size) {
                ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
        }
    }

    /** Overwrites bytes of a file in place. */
    public static void patch(Path file, long offset, ByteBuffer bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(bytes, offset);
        }
    }

    public static DiskImage open(Path file, String format, OpenOptions options) throws IOException {
        FileByteSource source = FileByteSource.open(file);
        try {
            return FormatRegistry.load().require(format).open(source, options);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** SHA-256 of the whole virtual disk, read through {@link DiskImage#read} in 1 MiB pieces. */
    public static String digest(DiskImage image) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        for (long p = 0; p < image.virtualSize(); p += buf.capacity()) {
            buf.clear().limit((int) Math.min(buf.capacity(), image.virtualSize() - p));
            image.read(p, buf);
            md.update(buf.array(), 0, buf.limit());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** SHA-256 of a raw file padded with zeros to {@code size}. */
    public static String digestRaw(Path file, long size) throws IOException {
        try (DiskImage raw = open(file, "raw", OpenOptions.untrusted())) {
            if (raw.virtualSize() > size) {
                throw new AssertionError("raw file larger than " + size);
            }
            return digest(raw);
        }
    }
}

package io.skyfed.image.testkit;

import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentType;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.file.FileByteSource;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;

/** Test content and the moves every format test makes: write a raw disk through a writer, read an image back. */
public final class Images {

    private Images() {
    }

    /**
     * A raw disk of {@code size} bytes with a recognisable mix: random data, text, an all-zero allocated run, and
     * holes (never written), at offsets that are not block aligned.
     */
    public static Path rawSample(Path dir, String name, long size, long seed) throws IOException {
        Path raw = dir.resolve(name);
        Random random = new Random(seed);
        try (FileChannel ch = FileChannel.open(raw, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long step = Math.max(512, size / 8 / 512 * 512);
            for (long at = 0; at + 4096 <= size; at += step) {
                int len = (int) Math.min(size - at, 3 * 4096 + 512);
                byte[] chunk = new byte[len];
                int kind = (int) (at / step % 3);
                if (kind == 0) {
                    random.nextBytes(chunk);
                } else if (kind == 1) {
                    byte[] text = ("sector at " + at + " says hello\n").getBytes();
                    for (int i = 0; i < len; i++) {
                        chunk[i] = text[i % text.length];
                    }
                }
                ch.write(ByteBuffer.wrap(chunk), at + 1536);
            }
            byte[] tail = new byte[512];
            random.nextBytes(tail);
            ch.write(ByteBuffer.wrap(tail), size - 512);
        }
        return raw;
    }

    /** Copies every non-zero 64 KiB chunk of {@code raw} into {@code writer}, as the converter would. */
    public static void copyRaw(Path raw, ImageWriter writer) throws IOException {
        byte[] chunk = new byte[64 << 10];
        try (FileChannel ch = FileChannel.open(raw)) {
            long size = ch.size();
            for (long at = 0; at < size; at += chunk.length) {
                ByteBuffer buf = ByteBuffer.wrap(chunk, 0, (int) Math.min(chunk.length, size - at));
                while (buf.hasRemaining() && ch.read(buf, at + buf.position()) >= 0) {
                    // fill
                }
                buf.flip();
                if (!allZero(chunk, buf.limit())) {
                    writer.write(at, buf);
                }
            }
        }
        writer.finish();
        writer.close();
    }

    /** Writes {@code raw} into a new file {@code out} in {@code format}, through a seekable target. */
    public static void writeFile(ImageFormat format, Path raw, Path out, Map<String, String> options)
            throws IOException {
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING)) {
            copyRaw(raw, format.create(new WriteTarget.Seekable(ch), Files.size(raw), options(options)));
        }
    }

    /** Writes {@code raw} into {@code out} in {@code format}, through a plain stream (no seeking). */
    public static void writeStream(ImageFormat format, Path raw, Path out, Map<String, String> options)
            throws IOException {
        try (OutputStream os = Files.newOutputStream(out)) {
            copyRaw(raw, format.create(new WriteTarget.Stream(os), Files.size(raw), options(options)));
        }
    }

    public static WriteOptions options(Map<String, String> options) {
        return new WriteOptions(options, false, 2);
    }

    /** Opens {@code file} with {@code format}, trusting nothing. */
    public static DiskImage open(ImageFormat format, Path file) throws IOException {
        FileByteSource source = FileByteSource.open(file);
        return new io.skyfed.image.formatkit.OwningImage(format.open(source, OpenOptions.untrusted()), source);
    }

    /** Reads the whole virtual disk into a raw file, checking that the extent map covers it exactly. */
    public static Path readToRaw(DiskImage image, Path out) throws IOException {
        long size = image.virtualSize();
        long expect = 0;
        Iterator<Extent> it = image.extents(0, size);
        while (it.hasNext()) {
            Extent e = it.next();
            if (e.offset() != expect) {
                throw new AssertionError("extent map has a gap or overlap at " + expect + ": " + e);
            }
            expect = e.end();
        }
        if (expect != size) {
            throw new AssertionError("extent map ends at " + expect + ", disk is " + size);
        }
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < size; at += buf.capacity()) {
                buf.clear().limit((int) Math.min(buf.capacity(), size - at));
                image.read(at, buf);
                buf.flip();
                ch.write(buf, at);
            }
            ch.truncate(size);
            if (ch.size() < size) {
                ch.write(ByteBuffer.allocate(1), size - 1);
            }
        }
        return out;
    }

    /** Bytes of the disk reported as DATA by the extent map. */
    public static long dataBytes(DiskImage image) throws IOException {
        long total = 0;
        Iterator<Extent> it = image.extents(0, image.virtualSize());
        while (it.hasNext()) {
            Extent e = it.next();
            if (e.type() == ExtentType.DATA) {
                total += e.length();
            }
        }
        return total;
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}

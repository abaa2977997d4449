package io.skyfed.image.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A small valid image of the format under test, and the 512-byte blocks of it that are not zero (its structure). */
final class Template {

    private final byte[] bytes;
    private final int[] busyBlocks;

    private Template(byte[] bytes) {
        this.bytes = bytes;
        List<Integer> busy = new ArrayList<>();
        for (int b = 0; b * 512 < bytes.length; b++) {
            int from = b * 512;
            int to = Math.min(bytes.length, from + 512);
            for (int i = from; i < to; i++) {
                if (bytes[i] != 0) {
                    busy.add(b);
                    break;
                }
            }
        }
        this.busyBlocks = busy.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The format's own writer makes a 2 MiB disk with a little data; null when it cannot write (or needs more). */
    static Template of(ImageFormat format) {
        if (!format.canWrite()) {
            return null;
        }
        try {
            Path file = Files.createTempFile("fuzz-template", "." + format.name());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
                long size = (2L << 20) + 512;
                ImageWriter w = format.create(new WriteTarget.Seekable(ch), size,
                        new WriteOptions(Map.of(), false, 1));
                byte[] data = new byte[4096];
                Arrays.fill(data, (byte) 0x5A);
                w.write(0, ByteBuffer.wrap(data));
                w.write(1L << 20, ByteBuffer.wrap(data));
                w.finish();
                w.close();
            }
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes.length > (64 << 20) ? null : new Template(bytes);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The template with up to 8 small patches, mostly on its structure, and perhaps truncated. */
    byte[] patched(FuzzedDataProvider data) {
        byte[] out = bytes.clone();
        int patches = data.consumeInt(1, 8);
        for (int p = 0; p < patches && data.remainingBytes() > 0; p++) {
            int at = data.consumeBoolean() && busyBlocks.length > 0
                    ? busyBlocks[data.consumeInt(0, busyBlocks.length - 1)] * 512 + data.consumeInt(0, 511)
                    : data.consumeInt(0, out.length - 1);
            byte[] patch = data.consumeBytes(data.consumeInt(1, 16));
            System.arraycopy(patch, 0, out, Math.min(at, out.length - 1), Math.min(patch.length,
                    out.length - Math.min(at, out.length - 1)));
        }
        if (data.consumeBoolean()) {
            return Arrays.copyOf(out, data.consumeInt(0, out.length));
        }
        return out;
    }
}

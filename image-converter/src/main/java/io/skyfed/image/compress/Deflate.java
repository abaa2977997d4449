package io.skyfed.image.compress;

import java.util.zip.Deflater;

/** Deflate encoders for the layouts the formats require, one reusable {@link Deflater} per thread. */
public final class Deflate {

    /** qemu inflates qcow2 clusters with a 4 KiB window (windowBits -12); Java's Deflater always uses 32 KiB. */
    private static final int QCOW2_WINDOW = 4096;

    private static final ThreadLocal<Deflater> RAW = ThreadLocal.withInitial(() -> new Deflater(Deflater.DEFAULT_COMPRESSION, true));
    private static final ThreadLocal<Deflater> ZLIB = ThreadLocal.withInitial(() -> new Deflater(Deflater.DEFAULT_COMPRESSION, false));

    private Deflate() {
    }

    /**
     * Raw deflate of {@code in[off, off+len)} that never refers back more than 4 KiB, so that a reader with a 4 KiB
     * window can inflate it: the history is reset (full flush) at every 4 KiB of input.
     *
     * @return the compressed length, or -1 when it does not fit in {@code out} (the data does not compress)
     */
    public static int rawDeflate4k(byte[] in, int off, int len, byte[] out) {
        Deflater d = RAW.get();
        d.reset();
        int produced = 0;
        for (int p = 0; p < len; p += QCOW2_WINDOW) {
            int n = Math.min(QCOW2_WINDOW, len - p);
            d.setInput(in, off + p, n);
            if (p + n < len) {
                // A flush that fills the buffer exactly may have more to say: then the data does not compress.
                produced += d.deflate(out, produced, out.length - produced, Deflater.FULL_FLUSH);
                if (produced == out.length) {
                    return -1;
                }
            } else {
                d.finish();
                while (!d.finished()) {
                    if (produced == out.length) {
                        return -1;
                    }
                    produced += d.deflate(out, produced, out.length - produced);
                }
            }
        }
        return produced;
    }

    /**
     * zlib (RFC 1950) stream of {@code in[off, off+len)}, as VMDK streamOptimized grains hold.
     *
     * @return the compressed length, or -1 when it does not fit in {@code out}
     */
    public static int zlib(byte[] in, int off, int len, byte[] out, int outOff) {
        Deflater d = ZLIB.get();
        d.reset();
        d.setInput(in, off, len);
        d.finish();
        int produced = 0;
        int room = out.length - outOff;
        while (!d.finished()) {
            if (produced == room) {
                return -1;
            }
            produced += d.deflate(out, outOff + produced, room - produced);
        }
        return produced;
    }
}

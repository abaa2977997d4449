package io.skyfed.image.qcow2;

import io.skyfed.image.Sizes;
import io.skyfed.image.WriteOptions;
import java.util.Map;

/** qemu-img's qcow2 {@code -o} options that this writer honours; anything else is an error. */
record Qcow2WriteOptions(int version, int clusterBits, int refcountOrder, boolean compress, int compressionType,
                         boolean lazyRefcounts, int threads) {

    static Qcow2WriteOptions parse(WriteOptions options) {
        int version = 3;
        int clusterBits = 16;
        int refcountOrder = 4;
        int compressionType = Qcow2Header.COMPRESSION_ZLIB;
        boolean lazy = false;
        for (Map.Entry<String, String> e : options.options().entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "compat" -> version = switch (v) {
                    case "0.10", "v2" -> 2;
                    case "1.1", "v3" -> 3;
                    default -> throw new IllegalArgumentException("qcow2: compat must be 0.10 or 1.1, not '" + v + "'");
                };
                case "cluster_size" -> {
                    long cs = Sizes.parse(v);
                    if (cs < 512 || cs > (2 << 20) || Long.bitCount(cs) != 1) {
                        throw new IllegalArgumentException("qcow2: cluster_size must be a power of two from 512 to 2M");
                    }
                    clusterBits = Long.numberOfTrailingZeros(cs);
                }
                case "refcount_bits" -> {
                    int bits = parseInt("refcount_bits", v);
                    if (bits < 1 || bits > 64 || Integer.bitCount(bits) != 1) {
                        throw new IllegalArgumentException("qcow2: refcount_bits must be a power of two from 1 to 64");
                    }
                    refcountOrder = Integer.numberOfTrailingZeros(bits);
                }
                case "compression_type" -> compressionType = switch (v) {
                    case "zlib" -> Qcow2Header.COMPRESSION_ZLIB;
                    case "zstd" -> Qcow2Header.COMPRESSION_ZSTD;
                    default -> throw new IllegalArgumentException("qcow2: compression_type must be zlib or zstd");
                };
                case "lazy_refcounts" -> lazy = Sizes.parseSwitch("lazy_refcounts", v);
                case "preallocation" -> requireValue(e.getKey(), v, "off");
                case "extended_l2" -> requireOff(e.getKey(), v);
                case "size" -> {
                    // qemu-img create's size; convert takes the size from the source.
                }
                case "backing_file", "backing_fmt", "data_file", "data_file_raw" ->
                        throw new IllegalArgumentException("qcow2: " + e.getKey() + " is refused: outputs are self-contained");
                default -> throw new IllegalArgumentException("qcow2 does not support option '" + e.getKey() + "'");
            }
        }
        if (version == 2 && (refcountOrder != 4 || compressionType != Qcow2Header.COMPRESSION_ZLIB || lazy)) {
            throw new IllegalArgumentException("qcow2: compat=0.10 supports neither refcount_bits other than 16, "
                    + "zstd compression nor lazy_refcounts");
        }
        return new Qcow2WriteOptions(version, clusterBits, refcountOrder, options.compress(), compressionType, lazy,
                options.threads());
    }

    private static int parseInt(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("qcow2: " + key + " must be a number, not '" + v + "'");
        }
    }

    private static void requireValue(String key, String v, String only) {
        if (!v.equals(only)) {
            throw new IllegalArgumentException("qcow2: " + key + "=" + v + " is not supported (only " + only + ")");
        }
    }

    private static void requireOff(String key, String v) {
        if (Sizes.parseSwitch(key, v)) {
            throw new IllegalArgumentException("qcow2: " + key + "=on is not supported for writing");
        }
    }
}

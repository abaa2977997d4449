package io.skyfed.broker.api.deltacloud;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * A rendered document with its entity tag (a checksum of the bytes: equal bodies, equal tags). Bodies live in
 * off-heap buffers that are written to sockets as they are, any number of times, without copying; large
 * cacheable bodies also keep a gzip variant for clients that accept it.
 */
record Rendered(Format format, Buffer body, String etag, Buffer gzipped) {

    /** Below this, compressing saves less than it costs. */
    static final int GZIP_THRESHOLD = 8 * 1024;

    /** A body written once (a member, an error): no gzip variant. */
    static Rendered of(Format format, byte[] bytes) {
        return new Rendered(format, Buffer.buffer(bytes), etag(bytes), null);
    }

    /** A body served many times (a cached listing): off-heap, with a gzip variant when large. */
    static Rendered reusable(Format format, byte[] bytes) {
        Buffer gzipped = bytes.length >= GZIP_THRESHOLD ? offHeap(gzip(bytes)) : null;
        return new Rendered(format, offHeap(bytes), etag(bytes), gzipped);
    }

    int weight() {
        return body.length() + (gzipped == null ? 0 : gzipped.length());
    }

    /** The gzip variant's tag: a different representation needs a different strong tag. */
    String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }

    /** Whether an If-None-Match header names {@code tag}. */
    static boolean matches(String ifNoneMatch, String tag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String t = candidate.trim();
            if (t.equals("*") || t.equals(tag) || t.equals("W/" + tag)) {
                return true;
            }
        }
        return false;
    }

    private static String etag(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return "\"" + Long.toHexString(crc.getValue()) + "-" + Integer.toHexString(bytes.length) + "\"";
    }

    /** A buffer in native memory that the JDK frees when it becomes unreachable. */
    private static Buffer offHeap(byte[] bytes) {
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        return Buffer.buffer(Unpooled.wrappedBuffer(direct));
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 8);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 64 * 1024) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

package io.skyfed.broker.workflow;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/** SHA-256 of the bytes read through it, and a running count for progress. */
final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest digest;
    private final LongConsumer progress;
    private long count;

    DigestingInputStream(InputStream in, LongConsumer progress) {
        super(in);
        this.progress = progress;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest.update((byte) b);
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("a digested stream is read, never skipped");
    }

    private void advance(int n) {
        count += n;
        progress.accept(count);
    }

    long count() {
        return count;
    }

    /** The hex digest of everything read so far; call once, at the end. */
    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}

package io.skyfed.image.formatkit;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes passed through; {@link #close} leaves the wrapped stream open when asked to. */
public final class CountingOutputStream extends FilterOutputStream {

    private final boolean closeWrapped;
    private long count;

    public CountingOutputStream(OutputStream out, boolean closeWrapped) {
        super(out);
        this.closeWrapped = closeWrapped;
    }

    public long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        count += len;
    }

    @Override
    public void close() throws IOException {
        if (closeWrapped) {
            super.close();
        } else {
            flush();
        }
    }
}

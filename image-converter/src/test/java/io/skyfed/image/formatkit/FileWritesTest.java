package io.skyfed.image.formatkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWritesTest {

    @TempDir
    Path dir;

    @Test
    void longWritesArriveWholeAndInPiecesNoLongerThanTheLimit() throws Exception {
        byte[] content = new byte[4 * FileWrites.MAX_WRITE + 12345];
        new Random(3).nextBytes(content);
        // The data starts 100 bytes into its buffer and ends 50 before its capacity, as a slice of a read would.
        ByteBuffer data = ByteBuffer.allocateDirect(100 + content.length + 50);
        data.position(100).put(content).flip().position(100);
        Path f = dir.resolve("out");
        List<Integer> calls = new ArrayList<>();
        try (FileChannel real = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // Short writes (at most 100 000 bytes per call) prove the piece loop resumes where the channel stopped.
            FileWrites.writeFully(new RecordingChannel(real, calls, 100_000), data, 4096);
        }

        assertThat(data.position()).isEqualTo(100 + content.length);
        assertThat(data.limit()).isEqualTo(100 + content.length);
        assertThat(calls).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(FileWrites.MAX_WRITE));
        byte[] written = Files.readAllBytes(f);
        assertThat(written).hasSize(4096 + content.length);
        assertThat(ByteBuffer.wrap(written, 4096, content.length)).isEqualTo(ByteBuffer.wrap(content));
    }

    @Test
    void theOutputStreamAppendsInPiecesNoLongerThanTheLimit() throws Exception {
        byte[] content = new byte[3 * FileWrites.MAX_WRITE + 7];
        new Random(5).nextBytes(content);
        Path f = dir.resolve("appended");
        List<Integer> calls = new ArrayList<>();
        try (FileChannel real = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             OutputStream out = FileWrites.outputStream(new RecordingChannel(real, calls, Integer.MAX_VALUE))) {
            out.write(1);
            out.write(content, 0, content.length);
        }

        assertThat(calls).hasSizeGreaterThan(4)
                .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(FileWrites.MAX_WRITE));
        byte[] written = Files.readAllBytes(f);
        assertThat(written).hasSize(1 + content.length);
        assertThat(written[0]).isEqualTo((byte) 1);
        assertThat(ByteBuffer.wrap(written, 1, content.length)).isEqualTo(ByteBuffer.wrap(content));
    }

    /** Passes writes to a real channel, recording each call's length; positional ones write at most {@code cap}. */
    private static final class RecordingChannel extends FileChannel {
        private final FileChannel real;
        private final List<Integer> calls;
        private final int cap;

        RecordingChannel(FileChannel real, List<Integer> calls, int cap) {
            this.real = real;
            this.calls = calls;
            this.cap = cap;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            calls.add(src.remaining());
            ByteBuffer part = src.slice().limit(Math.min(cap, src.remaining()));
            int n = real.write(part, position);
            src.position(src.position() + n);
            return n;
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            calls.add(src.remaining());
            return real.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long position() {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileChannel position(long newPosition) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void force(boolean metaData) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            throw new UnsupportedOperationException();
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() {
            // The test closes the real channel.
        }
    }
}

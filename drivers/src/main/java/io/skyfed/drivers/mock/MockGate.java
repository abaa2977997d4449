package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.ProviderUnavailableException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * A test hook (provider property {@value MockDriverFactory#GATE_DIR}): holds a call at a named point until the test
 * opens the gate, so a process test can kill a broker while it is inside a step or a scheduled task, at a moment
 * it chose, without guessing with timers. The caller that reaches point P writes {@code P.held} (its process id)
 * into the directory and waits until {@code P.open} exists there; once it does, every caller passes.
 */
final class MockGate {

    /** Half-way through the content stream of a disk export. */
    static final String EXPORT_DISK = "export-disk";
    /** At the start of an instance listing. */
    static final String LIST_INSTANCES = "list-instances";

    private static final MockGate NONE = new MockGate(null);
    /** A gate nobody opens must not hang a forgotten process forever. */
    private static final Duration LONGEST_HOLD = Duration.ofMinutes(10);
    private static final Duration LOOK_EVERY = Duration.ofMillis(20);

    private final Path directory;

    private MockGate(Path directory) {
        this.directory = directory;
    }

    static MockGate none() {
        return NONE;
    }

    static MockGate in(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the mock gate directory " + directory, e);
        }
        return new MockGate(directory);
    }

    /** Returns at once when no gate is set or {@code point} is open; otherwise announces itself and waits. */
    void pass(String point) {
        if (directory == null || Files.exists(directory.resolve(point + ".open"))) {
            return;
        }
        announce(point);
        Instant deadline = Instant.now().plus(LONGEST_HOLD);
        while (!Files.exists(directory.resolve(point + ".open"))) {
            if (Instant.now().isAfter(deadline) || Thread.currentThread().isInterrupted()) {
                throw new ProviderUnavailableException("mock gate " + point + " in " + directory + " was not opened",
                        null);
            }
            LockSupport.parkNanos(LOOK_EVERY.toNanos());
        }
    }

    /** {@code content} of {@code size} bytes, held at {@link #EXPORT_DISK} once half of it has been read. */
    InputStream halfway(InputStream content, long size) {
        return directory == null ? content : new HeldHalfway(content, size / 2);
    }

    /** Written to a temporary name and moved, so a watcher never reads a half-written file. */
    private void announce(String point) {
        try {
            Path temporary = Files.createTempFile(directory, point, ".tmp");
            Files.writeString(temporary, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
            Files.move(temporary, directory.resolve(point + ".held"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot announce mock gate " + point + " in " + directory, e);
        }
    }

    /** Reads through to {@code half}, passes the gate, then reads the rest. */
    private final class HeldHalfway extends InputStream {

        private final InputStream content;
        private final long half;
        private long position;
        private boolean passed;

        HeldHalfway(InputStream content, long half) {
            this.content = content;
            this.half = half;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (!passed && position >= half) {
                passed = true;
                try {
                    pass(EXPORT_DISK);
                } catch (ProviderUnavailableException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            int allowed = passed ? length : (int) Math.min(length, half - position);
            int read = content.read(buffer, offset, allowed);
            if (read > 0) {
                position += read;
            }
            return read;
        }

        @Override
        public int available() throws IOException {
            return content.available();
        }

        @Override
        public void close() throws IOException {
            content.close();
        }
    }
}

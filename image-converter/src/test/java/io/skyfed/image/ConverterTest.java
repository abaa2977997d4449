package io.skyfed.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConverterTest {

    private static final long TiB = 1L << 40;

    /** A 1 TiB disk with one 1 MiB data extent (half zeros), an explicit zero extent, the rest unallocated. */
    static class FakeDisk implements DiskImage {
        final List<long[]> reads = new ArrayList<>();

        @Override
        public String format() {
            return "fake";
        }

        @Override
        public long virtualSize() {
            return TiB;
        }

        @Override
        public void read(long offset, ByteBuffer dst) {
            reads.add(new long[] {offset, dst.remaining()});
            while (dst.hasRemaining()) {
                long p = offset + dst.position();
                dst.put((byte) (p >= (1L << 30) + (512 << 10) ? 0 : 0x42));
            }
        }

        @Override
        public Iterator<Extent> extents(long offset, long length) {
            ExtentList l = new ExtentList();
            long end = offset + length;
            long[][] map = {{0, 1L << 30, 2}, {1L << 30, 1 << 20, 0}, {(1L << 30) + (1 << 20), 1 << 20, 1},
                {(1L << 30) + (2 << 20), TiB - (1L << 30) - (2 << 20), 2}};
            for (long[] m : map) {
                long from = Math.max(offset, m[0]);
                long to = Math.min(end, m[0] + m[1]);
                if (from < to) {
                    l.add(from, to - from, ExtentType.values()[(int) m[2]]);
                }
            }
            return l.iterator();
        }

        @Override
        public long actualSize() {
            return 0;
        }

        @Override
        public void close() {
        }
    }

    /** Records the writes a converter makes. */
    static class RecordingFormat implements ImageFormat {
        final List<long[]> writes = new ArrayList<>();
        boolean finished;

        @Override
        public String name() {
            return "rec";
        }

        @Override
        public int probe(ByteSource source) {
            return 0;
        }

        @Override
        public DiskImage open(ByteSource source, OpenOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ImageWriter create(WriteTarget target, long virtualSize, WriteOptions options) {
            return new ImageWriter() {
                @Override
                public void write(long offset, ByteBuffer data) {
                    writes.add(new long[] {offset, data.remaining()});
                }

                @Override
                public void finish() {
                    finished = true;
                }

                @Override
                public long bytesWritten() {
                    return 0;
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** A recorder that accepts streams. */
    static class SequentialRecordingFormat extends RecordingFormat {
        @Override
        public boolean writesSequentially() {
            return true;
        }
    }

    @Test
    void readsOnlyDataAndWritesOnlyNonZeroBlocks() throws IOException {
        FakeDisk disk = new FakeDisk();
        RecordingFormat format = new SequentialRecordingFormat();
        List<Long> progress = new ArrayList<>();
        new Converter().convert(disk, format, new WriteTarget.Stream(new ByteArrayOutputStream()),
                WriteOptions.defaults(), (done, total) -> progress.add(done));

        assertThat(disk.reads).allSatisfy(r -> {
            assertThat(r[0]).isGreaterThanOrEqualTo(1L << 30);
            assertThat(r[0] + r[1]).isLessThanOrEqualTo((1L << 30) + (1 << 20));
        });
        assertThat(format.writes).hasSize(1);
        assertThat(format.writes.get(0)).containsExactly(1L << 30, 512 << 10);
        assertThat(format.finished).isTrue();
        assertThat(progress).isSorted().last().isEqualTo(TiB);
    }

    @Test
    void zeroBlockZeroCopiesDataAsItIs() throws IOException {
        FakeDisk disk = new FakeDisk();
        RecordingFormat format = new SequentialRecordingFormat();
        new Converter(1 << 20, 0).convert(disk, format, new WriteTarget.Stream(new ByteArrayOutputStream()),
                WriteOptions.defaults(), ProgressListener.NONE);
        assertThat(format.writes).hasSize(1);
        assertThat(format.writes.get(0)).containsExactly(1L << 30, 1 << 20);
    }

    @Test
    void refusesStreamsForSeekingFormats() {
        ImageFormat seeking = new RecordingFormat();
        assertThatThrownBy(() -> new Converter().convert(new FakeDisk(), seeking,
                new WriteTarget.Stream(new ByteArrayOutputStream()), WriteOptions.defaults(), ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream");
    }

    @Test
    void aReadFailureEndsTheConversionWithThatError() {
        FakeDisk failing = new FakeDisk() {
            @Override
            public void read(long offset, ByteBuffer dst) {
                throw new java.io.UncheckedIOException(new ImageFormatException("fake: bad cluster at " + offset));
            }
        };
        assertThatThrownBy(() -> new Converter().convert(failing, new SequentialRecordingFormat(),
                new WriteTarget.Stream(new ByteArrayOutputStream()), WriteOptions.defaults(), ProgressListener.NONE))
                .isInstanceOf(ImageFormatException.class).hasMessageContaining("bad cluster at " + (1L << 30));
    }

    @Test
    void aWriteFailureStopsTheReader() {
        FakeDisk disk = new FakeDisk();
        RecordingFormat failingWriter = new SequentialRecordingFormat() {
            @Override
            public ImageWriter create(WriteTarget target, long virtualSize, WriteOptions options) {
                return new ImageWriter() {
                    @Override
                    public void write(long offset, ByteBuffer data) throws IOException {
                        throw new IOException("disk full");
                    }

                    @Override
                    public void finish() {
                    }

                    @Override
                    public long bytesWritten() {
                        return 0;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
        assertThatThrownBy(() -> new Converter(1 << 20, 4096).convert(disk, failingWriter,
                new WriteTarget.Stream(new ByteArrayOutputStream()), WriteOptions.defaults(), ProgressListener.NONE))
                .isInstanceOf(IOException.class).hasMessage("disk full");
        int readsAfterFailure = disk.reads.size();
        assertThat(readsAfterFailure).as("the reader stops within its few buffers").isLessThanOrEqualTo(5);
    }
}

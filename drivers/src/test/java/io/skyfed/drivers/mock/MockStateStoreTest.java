package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.BlockImportService;
import io.skyfed.drivers.spi.ChangedBlockService;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DiskCheckpoint;
import io.skyfed.drivers.spi.DiskExtent;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.ProviderSettings;
import io.skyfed.drivers.spi.StagedDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * With {@code state-dir}, a warm migration's state on the mock (checkpoints with their frozen content, the write
 * log, staged disks half-written) outlives the factory that made it: each new factory here is a restarted broker.
 */
class MockStateStoreTest {

    private static final Credentials MOCK = new Credentials(MockDriverFactory.USER, MockDriverFactory.PASSWORD);
    private static final int BLOCK = MockTracking.BLOCK;

    @TempDir
    Path states;

    /** A session of a fresh factory, as a new process would have, on the shared state directory. */
    private DriverSession restarted(Map<String, String> extra) {
        Map<String, String> properties = new java.util.HashMap<>(extra);
        properties.put(MockDriverFactory.STATE_DIR, states.toString());
        return new MockDriverFactory().connect(MOCK, new ProviderSettings("lasting", null, null, properties));
    }

    @Test
    void checkpointsTheWriteLogAndAHalfWrittenStagedDiskSurviveARestart() throws Exception {
        DriverSession before = restarted(Map.of());
        String instance = before.createInstance(InstanceSpec.ofImage("img1")).id();
        ChangedBlockService blocks = before.changedBlocks().orElseThrow();
        DiskCheckpoint first = blocks.createCheckpoint(instance, "first");
        ((MockGuest) before).writeGuestDisk(instance, 3L * BLOCK + 5, filled(10, 7));
        DiskCheckpoint second = blocks.createCheckpoint(instance, "second");
        byte[] atFirst = read(blocks, first);
        byte[] atSecond = read(blocks, second);
        BlockImportService staging = before.blockImport().orElseThrow();
        StagedDisk staged = staging.stage("half", atSecond.length);
        int half = atSecond.length / 2;
        staging.write(staged.id(), 0, half, new ByteArrayInputStream(atSecond, 0, half));

        DriverSession after = restarted(Map.of());
        ChangedBlockService resumed = after.changedBlocks().orElseThrow();
        assertThat(resumed.checkpoints(instance)).containsExactly(first, second);
        assertThat(read(resumed, first)).isEqualTo(atFirst);
        assertThat(read(resumed, second)).isEqualTo(atSecond);
        assertThat(resumed.changedExtents(second.id(), first.id())).containsExactly(new DiskExtent(3L * BLOCK, BLOCK));
        BlockImportService resumedStaging = after.blockImport().orElseThrow();
        assertThat(resumedStaging.stagedDisks()).containsExactly(staged);
        byte[] halfWritten = new byte[atSecond.length];
        System.arraycopy(atSecond, 0, halfWritten, 0, half);
        assertThat(resumedStaging.contentSha256(staged.id())).contains(StoredDisk.sha256(halfWritten));
        assertThat(resumedStaging.stage("half", atSecond.length)).as("found again by name").isEqualTo(staged);

        resumedStaging.write(staged.id(), half, atSecond.length - half,
                new ByteArrayInputStream(atSecond, half, atSecond.length - half));
        Image sealed = resumedStaging.seal(staged.id(), "sealed");
        assertThat(before.diskTransfer().orElseThrow().contentSha256(sealed.id())).contains(StoredDisk.sha256(atSecond));
        assertThat(staging.stagedDisks()).as("the first process sees the seal too").isEmpty();
    }

    @Test
    void aCheckpointSharingItsFrozenDiskKeepsItWhenTheOtherOwnerGoes() throws Exception {
        DriverSession before = restarted(Map.of());
        String instance = before.createInstance(InstanceSpec.ofImage("img1")).id();
        ChangedBlockService blocks = before.changedBlocks().orElseThrow();
        DiskCheckpoint one = blocks.createCheckpoint(instance, "one");
        DiskCheckpoint other = blocks.createCheckpoint(instance, "other");
        byte[] frozen = read(blocks, one);
        assertThat(contentFiles()).as("one file for both checkpoints of the generated disk").hasSize(1);

        blocks.deleteCheckpoint(one.id());
        ((MockGuest) before).writeGuestDisk(instance, 0, filled(4, 9));

        ChangedBlockService resumed = restarted(Map.of()).changedBlocks().orElseThrow();
        assertThat(resumed.checkpoints(instance)).containsExactly(other);
        assertThat(read(resumed, other)).isEqualTo(frozen);
        assertThat(contentFiles()).as("the frozen disk and the written one").hasSize(2);
        before.destroy(instance);
        assertThat(contentFiles()).as("nothing refers to either any more").isEmpty();
    }

    @Test
    void aStagedDiskKeepsOneContentFileHoweverOftenItIsWritten() throws Exception {
        BlockImportService staging = restarted(Map.of()).blockImport().orElseThrow();
        StagedDisk staged = staging.stage("often", 4L * BLOCK);
        for (int i = 0; i < 4; i++) {
            staging.write(staged.id(), (long) i * BLOCK, BLOCK, new ByteArrayInputStream(filled(BLOCK, i + 1)));
        }
        assertThat(contentFiles()).hasSize(1);
        staging.discard(staged.id());
        assertThat(contentFiles()).isEmpty();
    }

    @Test
    void aBusyGuestWritesWhereItWouldHaveWithoutTheRestart() {
        Map<String, String> busy = Map.of(MockDriverFactory.GUEST_WRITE_BLOCKS, "1");
        DriverSession before = restarted(busy);
        String instance = before.createInstance(InstanceSpec.ofImage("img1")).id();
        DiskCheckpoint zero = before.changedBlocks().orElseThrow().createCheckpoint(instance, "zero");
        DiskCheckpoint one = before.changedBlocks().orElseThrow().createCheckpoint(instance, "one");

        ChangedBlockService resumed = restarted(busy).changedBlocks().orElseThrow();
        DiskCheckpoint two = resumed.createCheckpoint(instance, "two");

        // The busy guest's n-th write lands in block n * 7919 mod 128 (an 8 MiB disk): 0, 111, then 94.
        assertThat(resumed.changedExtents(one.id(), zero.id())).containsExactly(new DiskExtent(111L * BLOCK, BLOCK));
        assertThat(resumed.changedExtents(two.id(), one.id())).containsExactly(new DiskExtent(94L * BLOCK, BLOCK));
    }

    @Test
    void aMissingOrDamagedContentFileIsABrokenStateNotAnEmptyDisk() throws Exception {
        DriverSession before = restarted(Map.of());
        String instance = before.createInstance(InstanceSpec.ofImage("img1")).id();
        DiskCheckpoint checkpoint = before.changedBlocks().orElseThrow().createCheckpoint(instance, "frozen");
        String frozen = StoredDisk.sha256(read(before.changedBlocks().orElseThrow(), checkpoint));
        ((MockGuest) before).writeGuestDisk(instance, 0, filled(4, 9));
        Path file = states.resolve("lasting").resolve("disks").resolve(frozen);

        Files.write(file, filled(16, 1));
        assertThatThrownBy(() -> restarted(Map.of()).instances()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("checkpoint " + checkpoint.id()).hasMessageContaining(frozen)
                .hasMessageContaining("whose SHA-256 is " + StoredDisk.sha256(filled(16, 1)));

        Files.delete(file);
        assertThatThrownBy(() -> restarted(Map.of()).changedBlocks().orElseThrow().checkpoints(instance))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("checkpoint " + checkpoint.id())
                .hasMessageContaining("which is missing");
        assertThat(Files.exists(file)).as("a broken state is not saved over").isFalse();
        assertThat(Files.readString(states.resolve("lasting").resolve("state"))).contains(frozen);
    }

    private List<Path> contentFiles() throws IOException {
        try (Stream<Path> files = Files.list(states.resolve("lasting").resolve("disks"))) {
            return files.toList();
        }
    }

    private static byte[] filled(int length, int value) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) value);
        return data;
    }

    private static byte[] read(ChangedBlockService blocks, DiskCheckpoint checkpoint) throws IOException {
        try (InputStream in = blocks.read(checkpoint.id(), 0, checkpoint.virtualSize())) {
            return in.readAllBytes();
        }
    }
}

package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.BlockImportService;
import io.skyfed.drivers.spi.ChangedBlockService;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DiskCheckpoint;
import io.skyfed.drivers.spi.DiskExport;
import io.skyfed.drivers.spi.DiskExtent;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderSettings;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.skyfed.drivers.spi.StagedDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The mock's changed-block tracking and staged disks: what warm migrations read from and write to. */
class MockChangedBlocksTest {

    private static final Credentials MOCK = new Credentials(MockDriverFactory.USER, MockDriverFactory.PASSWORD);
    private static final int BLOCK = MockTracking.BLOCK;
    private static final long MIB = MockDisk.MIB;

    @TempDir
    Path states;

    private static DriverSession connect(String provider, Map<String, String> properties) {
        return new MockDriverFactory().connect(MOCK, new ProviderSettings(provider, null, null, properties));
    }

    @Test
    void changedExtentsAreExactlyTheWrittenBlocksAcrossCheckpoints() throws Exception {
        DriverSession session = connect("cbt", Map.of());
        ChangedBlockService blocks = session.changedBlocks().orElseThrow();
        String instance = session.createInstance(InstanceSpec.ofImage("img1")).id();
        MockGuest guest = (MockGuest) session;

        DiskCheckpoint first = blocks.createCheckpoint(instance, "first");
        // The generated 8 MiB disk holds data in its first block and at every MiB mark.
        List<DiskExtent> allocated = new ArrayList<>();
        for (long mib = 0; mib < 8; mib++) {
            allocated.add(new DiskExtent(mib * MIB, BLOCK));
        }
        assertThat(blocks.changedExtents(first.id(), null)).isEqualTo(allocated);
        assertThat(first.virtualSize()).isEqualTo(8 * MIB);

        guest.writeGuestDisk(instance, 3L * BLOCK, filled(BLOCK, 7));
        guest.writeGuestDisk(instance, 6L * BLOCK - 50, filled(100, 9));
        DiskCheckpoint second = blocks.createCheckpoint(instance, "second");
        guest.writeGuestDisk(instance, 40L * BLOCK + 10, filled(1, 5));
        DiskCheckpoint third = blocks.createCheckpoint(instance, "third");

        assertThat(blocks.changedExtents(second.id(), first.id())).containsExactly(
                new DiskExtent(3L * BLOCK, BLOCK), new DiskExtent(5L * BLOCK, 2L * BLOCK));
        assertThat(blocks.changedExtents(third.id(), second.id())).containsExactly(new DiskExtent(40L * BLOCK, BLOCK));
        assertThat(blocks.changedExtents(third.id(), first.id())).containsExactly(new DiskExtent(3L * BLOCK, BLOCK),
                new DiskExtent(5L * BLOCK, 2L * BLOCK), new DiskExtent(40L * BLOCK, BLOCK));
        assertThat(blocks.changedExtents(third.id(), third.id())).isEmpty();
        assertThatThrownBy(() -> blocks.changedExtents(first.id(), third.id()))
                .isInstanceOf(InvalidArgumentException.class);

        // Reads see the disk as it was at their checkpoint, whatever the guest wrote since.
        assertThat(read(blocks, first.id(), 3L * BLOCK, 4)).containsOnly(0);
        assertThat(read(blocks, second.id(), 3L * BLOCK, 4)).containsOnly(7);
        assertThat(read(blocks, second.id(), 6L * BLOCK - 50, 100)).containsOnly(9);
        assertThat(read(blocks, second.id(), 40L * BLOCK + 10, 1)).containsOnly(0);
        assertThat(read(blocks, third.id(), 40L * BLOCK + 10, 1)).containsOnly(5);
        assertThatThrownBy(() -> blocks.read(first.id(), 8 * MIB - 1, 2)).isInstanceOf(InvalidArgumentException.class);

        assertThat(blocks.createCheckpoint(instance, "second")).as("idempotent by name").isEqualTo(second);
        blocks.deleteCheckpoint(first.id());
        blocks.deleteCheckpoint(first.id());
        assertThat(blocks.checkpoints(instance)).containsExactly(second, third);
        assertThat(blocks.changedExtents(third.id(), second.id())).containsExactly(new DiskExtent(40L * BLOCK, BLOCK));
        assertThatThrownBy(() -> blocks.changedExtents(third.id(), first.id())).isInstanceOf(NotFoundException.class);

        session.stop(instance);
        assertThatThrownBy(() -> guest.writeGuestDisk(instance, 0, filled(1, 1)))
                .isInstanceOf(InvalidStateException.class);
        try (DiskExport export = session.diskTransfer().orElseThrow().exportDisk(instance, "raw")) {
            byte[] disk = export.content().readAllBytes();
            assertThat(Arrays.copyOfRange(disk, 3 * BLOCK, 4 * BLOCK)).containsOnly(7);
            assertThat(disk[40 * BLOCK + 10]).isEqualTo((byte) 5);
        }
        session.destroy(instance);
        assertThat(blocks.checkpoints(instance)).as("checkpoints go with their instance").isEmpty();
    }

    @Test
    void aBusyGuestWritesItsBlocksBeforeEveryCheckpointWhileItRuns() {
        DriverSession session = connect("busy", Map.of(MockDriverFactory.GUEST_WRITE_BLOCKS, "2"));
        ChangedBlockService blocks = session.changedBlocks().orElseThrow();
        String instance = session.createInstance(InstanceSpec.ofImage("img1")).id();

        DiskCheckpoint first = blocks.createCheckpoint(instance, "a");
        DiskCheckpoint second = blocks.createCheckpoint(instance, "b");
        assertThat(blocks.changedExtents(second.id(), first.id())).extracting(DiskExtent::length)
                .containsExactly((long) BLOCK, (long) BLOCK);

        session.stop(instance);
        DiskCheckpoint stopped = blocks.createCheckpoint(instance, "c");
        assertThat(blocks.changedExtents(stopped.id(), second.id())).as("a stopped guest writes nothing").isEmpty();
    }

    @Test
    void aStagedDiskWrittenAtOffsetsBecomesAnImageThatBootsWithItsContent() throws Exception {
        DriverSession session = connect("staging", Map.of());
        BlockImportService staging = session.blockImport().orElseThrow();
        StagedDisk disk = staging.stage("moving", 4 * BLOCK);
        assertThat(staging.stage("moving", 4 * BLOCK)).as("idempotent by name").isEqualTo(disk);

        staging.write(disk.id(), BLOCK, 3, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        staging.write(disk.id(), BLOCK, 3, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        byte[] expected = new byte[4 * BLOCK];
        expected[BLOCK] = 1;
        expected[BLOCK + 1] = 2;
        expected[BLOCK + 2] = 3;
        assertThat(staging.contentSha256(disk.id())).contains(StoredDisk.sha256(expected));
        assertThatThrownBy(() -> staging.write(disk.id(), 4L * BLOCK - 1, 2, new ByteArrayInputStream(new byte[2])))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> staging.write(disk.id(), 0, 5, new ByteArrayInputStream(new byte[2])))
                .isInstanceOf(InvalidArgumentException.class);

        Image image = staging.seal(disk.id(), "moved");
        assertThat(staging.stagedDisks()).isEmpty();
        String instance = session.createInstance(InstanceSpec.ofImage(image.id())).id();
        session.stop(instance);
        try (DiskExport export = session.diskTransfer().orElseThrow().exportDisk(instance, "raw")) {
            assertThat(export.content().readAllBytes()).isEqualTo(expected);
        }

        StagedDisk dropped = staging.stage("dropped", BLOCK);
        staging.discard(dropped.id());
        staging.discard(dropped.id());
        assertThat(staging.stagedDisks()).isEmpty();
        assertThatThrownBy(() -> staging.seal(dropped.id(), "never")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theConfiguredStagedDiskWriteFailsOnceAsAnOutageWould() {
        BlockImportService staging = connect("flaky", Map.of(MockDriverFactory.FAIL_BLOCK_WRITE_AT, "2"))
                .blockImport().orElseThrow();
        StagedDisk disk = staging.stage("flaky", BLOCK);

        staging.write(disk.id(), 0, 1, new ByteArrayInputStream(new byte[] {1}));
        assertThatThrownBy(() -> staging.write(disk.id(), 1, 1, new ByteArrayInputStream(new byte[] {2})))
                .isInstanceOf(ProviderUnavailableException.class);
        staging.write(disk.id(), 1, 1, new ByteArrayInputStream(new byte[] {2}));
        byte[] expected = new byte[BLOCK];
        expected[0] = 1;
        expected[1] = 2;
        assertThat(staging.contentSha256(disk.id())).contains(StoredDisk.sha256(expected));
    }

    @Test
    void providersCanLackEitherSideAndStateDirSessionsStillHaveGuests() {
        DriverSession plain = connect("plain", Map.of(MockDriverFactory.CHANGED_BLOCKS, "false",
                MockDriverFactory.BLOCK_IMPORT, "false"));
        assertThat(plain.changedBlocks()).isEmpty();
        assertThat(plain.blockImport()).isEmpty();

        DriverSession lasting = connect("lasting", Map.of(MockDriverFactory.STATE_DIR, states.toString()));
        String instance = lasting.createInstance(InstanceSpec.ofImage("img1")).id();
        ((MockGuest) lasting).writeGuestDisk(instance, 0, filled(4, 8));
        ChangedBlockService blocks = lasting.changedBlocks().orElseThrow();
        DiskCheckpoint checkpoint = blocks.createCheckpoint(instance, "kept");
        assertThat(read(blocks, checkpoint.id(), 0, 4)).containsOnly(8);
    }

    private static byte[] filled(int length, int value) {
        byte[] data = new byte[length];
        Arrays.fill(data, (byte) value);
        return data;
    }

    private static byte[] read(ChangedBlockService blocks, String checkpoint, long offset, int length) {
        try (InputStream in = blocks.read(checkpoint, offset, length)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

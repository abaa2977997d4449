package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.ChangedBlockService;
import io.skyfed.drivers.spi.DiskCheckpoint;
import io.skyfed.drivers.spi.DiskExtent;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Checkpoints freeze an instance's disk content (contents are immutable, so that is a reference); changed extents
 * come from the cloud's write log ({@link MockTracking}). A checkpoint of a running instance under
 * {@value MockDriverFactory#GUEST_WRITE_BLOCKS} first lets its guest write that many blocks.
 */
final class MockChangedBlocks implements ChangedBlockService {

    private final MockCloud cloud;
    private final MockSession session;

    MockChangedBlocks(MockCloud cloud, MockSession session) {
        this.cloud = cloud;
        this.session = session;
    }

    @Override
    public DiskCheckpoint createCheckpoint(String instanceId, String name) {
        MockNames.idSafe("name", name);
        synchronized (cloud) {
            Instance instance = session.instance(instanceId);
            MockTracking tracking = cloud.disks.tracking();
            for (MockCheckpoint existing : tracking.checkpoints.values()) {
                if (existing.checkpoint().name().equals(name) && existing.checkpoint().instanceId().equals(instanceId)) {
                    return existing.checkpoint();
                }
            }
            if (instance.state() == InstanceState.RUNNING) {
                busyGuest(instanceId);
            }
            StoredDisk content = cloud.disks.current(instanceId);
            String id = cloud.nextId("ckpt", tracking.checkpoints);
            DiskCheckpoint checkpoint = new DiskCheckpoint(id, name, instanceId, content.bytes().length, cloud.now());
            tracking.checkpoints.put(id, new MockCheckpoint(checkpoint, content, tracking.generation()));
            return checkpoint;
        }
    }

    @Override
    public List<DiskCheckpoint> checkpoints(String instanceId) {
        return cloud.disks.tracking().checkpoints.values().stream().map(MockCheckpoint::checkpoint)
                .filter(c -> c.instanceId().equals(instanceId)).toList();
    }

    @Override
    public List<DiskExtent> changedExtents(String checkpointId, String sinceCheckpointId) {
        MockCheckpoint at = checkpoint(checkpointId);
        if (sinceCheckpointId == null) {
            return MockTracking.allocated(at.content().bytes());
        }
        MockCheckpoint since = checkpoint(sinceCheckpointId);
        if (!since.checkpoint().instanceId().equals(at.checkpoint().instanceId())) {
            throw new InvalidArgumentException("since", "checkpoints " + sinceCheckpointId + " and " + checkpointId
                    + " are of different disks");
        }
        if (since.generation() > at.generation()) {
            throw new InvalidArgumentException("since", "checkpoint " + sinceCheckpointId + " is newer than "
                    + checkpointId);
        }
        return cloud.disks.tracking().changed(at.checkpoint().instanceId(), since.generation(), at.generation(),
                at.checkpoint().virtualSize());
    }

    @Override
    public InputStream read(String checkpointId, long offset, long length) {
        byte[] content = checkpoint(checkpointId).content().bytes();
        if (offset < 0 || length < 0 || offset + length > content.length) {
            throw new InvalidArgumentException("offset", "a read of " + length + " bytes at " + offset
                    + " lies outside a disk of " + content.length + " bytes");
        }
        return new ByteArrayInputStream(content, (int) offset, (int) length);
    }

    @Override
    public void deleteCheckpoint(String checkpointId) {
        synchronized (cloud) {
            MockCheckpoint removed = cloud.disks.tracking().checkpoints.remove(checkpointId);
            if (removed != null) {
                cloud.disks.tracking().trim(removed.checkpoint().instanceId());
            }
        }
    }

    private MockCheckpoint checkpoint(String id) {
        MockCheckpoint checkpoint = id == null ? null : cloud.disks.tracking().checkpoints.get(id);
        if (checkpoint == null) {
            throw new NotFoundException("checkpoint", String.valueOf(id));
        }
        return checkpoint;
    }

    /** The guest writes its configured number of blocks, each filled with a byte that changes every time. */
    private void busyGuest(String instanceId) {
        long blocks = Math.max(1, cloud.disks.current(instanceId).bytes().length / MockTracking.BLOCK);
        for (int i = 0; i < cloud.disks.blocks().guestWriteBlocks(); i++) {
            long block = cloud.disks.tracking().nextBusyBlock(blocks);
            byte[] data = new byte[MockTracking.BLOCK];
            Arrays.fill(data, (byte) (cloud.disks.tracking().generation() % 251 + 1));
            cloud.disks.write(instanceId, block * MockTracking.BLOCK, data);
        }
    }
}

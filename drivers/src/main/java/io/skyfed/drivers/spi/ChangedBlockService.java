package io.skyfed.drivers.spi;

import java.io.InputStream;
import java.util.List;

/**
 * Changed-block tracking on the boot disk of an instance that may keep running: the source side of a warm
 * migration. A checkpoint is a point-in-time view of the disk; reads at a checkpoint see the disk as it was then,
 * however the guest writes afterwards; the extents changed between two checkpoints are those the guest wrote.
 *
 * <p>The calls map onto the providers' own: VMware CBT (enable {@code changeTrackingEnabled}, a snapshot per
 * checkpoint, {@code QueryChangedDiskAreas} with the earlier snapshot's {@code changeId}, {@code "*"} for the
 * allocated areas, reads through VDDK/NFC); libvirt checkpoints ({@code virDomainCheckpointCreateXML}, then
 * {@code virDomainBackupBegin} pull mode with {@code <incremental>} naming the earlier checkpoint, the dirty
 * bitmap's extents and reads over NBD, {@code virDomainCheckpointDelete}); EBS direct APIs ({@code CreateSnapshot},
 * {@code ListSnapshotBlocks}, {@code ListChangedBlocks}, {@code GetSnapshotBlock}, {@code DeleteSnapshot}).
 * Optional: a driver without it makes warm migrations fall back to cold.
 */
public interface ChangedBlockService {

    /**
     * Takes a checkpoint of the instance's boot disk, running or stopped; tracking starts with the first one.
     * Idempotent by {@code name}: the checkpoint of that name is returned when it exists.
     *
     * @throws NotFoundException when there is no such instance
     */
    DiskCheckpoint createCheckpoint(String instanceId, String name);

    /** The instance's checkpoints, oldest first. */
    List<DiskCheckpoint> checkpoints(String instanceId);

    /**
     * The extents of the disk written after {@code sinceCheckpointId} and before {@code checkpointId}; with
     * {@code sinceCheckpointId} null, every allocated extent at {@code checkpointId} (what a full copy must read:
     * the rest reads as zeros). Sorted, non-overlapping, aligned to the driver's tracking granularity, so they may
     * be larger than the writes.
     *
     * @throws NotFoundException when either checkpoint is gone
     * @throws InvalidArgumentException when the checkpoints belong to different disks
     */
    List<DiskExtent> changedExtents(String checkpointId, String sinceCheckpointId);

    /**
     * The disk's bytes {@code [offset, offset + length)} as they were at the checkpoint.
     *
     * @throws NotFoundException when the checkpoint is gone
     * @throws InvalidArgumentException when the range lies outside the disk
     */
    InputStream read(String checkpointId, long offset, long length);

    /** Releases the checkpoint (and what the provider keeps for it); deleting a missing one does nothing. */
    void deleteCheckpoint(String checkpointId);
}

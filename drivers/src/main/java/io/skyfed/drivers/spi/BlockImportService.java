package io.skyfed.drivers.spi;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * A disk written at offsets before it becomes an image: the target side of a warm migration, which writes a full
 * copy and then the changed extents into one staged disk, and launches from it once the source has stopped.
 *
 * <p>Maps onto: libvirt ({@code virStorageVolCreateXML} of a raw volume, {@code virStorageVolUpload} with offset
 * and length; sealing makes the volume an image of the pool); EBS direct APIs ({@code StartSnapshot},
 * {@code PutSnapshotBlock}, {@code CompleteSnapshot}, then {@code RegisterImage} from the snapshot); oVirt image
 * transfers (upload with {@code Content-Range}, then a template). Optional: a driver without it makes warm
 * migrations to it fall back to cold.
 */
public interface BlockImportService {

    /**
     * Creates an empty disk of {@code virtualSize} bytes that reads as zeros until written. Idempotent by
     * {@code name}: the staged disk of that name is returned when it exists.
     *
     * @throws InvalidArgumentException for a bad name or size
     */
    StagedDisk stage(String name, long virtualSize);

    /** The staged disks not yet sealed or discarded. */
    List<StagedDisk> stagedDisks();

    /**
     * Writes exactly {@code length} bytes read from {@code content} at {@code offset}. Writing the same bytes
     * twice is harmless, so a retried write needs no bookkeeping.
     *
     * @throws NotFoundException when the staged disk is gone
     * @throws InvalidArgumentException when the range lies outside the disk or the stream ends early
     */
    void write(String stagedDiskId, long offset, long length, InputStream content);

    /** The SHA-256 (lower-case hex) of the staged disk's whole content as stored; empty when the provider cannot tell. */
    default Optional<String> contentSha256(String stagedDiskId) {
        return Optional.empty();
    }

    /**
     * Turns the staged disk into an image named {@code imageName} that instances boot from; the staged disk is
     * gone afterwards.
     *
     * @throws NotFoundException when the staged disk is gone
     */
    Image seal(String stagedDiskId, String imageName);

    /** Deletes the staged disk; a missing one does nothing. */
    void discard(String stagedDiskId);
}

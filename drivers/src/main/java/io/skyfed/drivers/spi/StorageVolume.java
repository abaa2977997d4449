package io.skyfed.drivers.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A block device. {@code state} is the provider's word (CREATING, AVAILABLE, IN-USE, ...); {@code attachment} is
 * null while detached; {@code snapshotId} (the origin), {@code description} and {@code createdAt} may be null.
 */
public record StorageVolume(String id, String name, long capacityGb, String realmId, String state,
                            String description, String snapshotId, VolumeAttachment attachment, Instant createdAt) {

    public StorageVolume {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }

    /** This volume, if no instance holds it (deletes and attaches need it free); else an invalid state. */
    public StorageVolume requireDetached() {
        if (attachment != null) {
            throw new InvalidStateException("volume " + id + " is attached to " + attachment.instanceId());
        }
        return this;
    }

    /** This volume, if an instance holds it (a detach needs one); else an invalid state. */
    public StorageVolume requireAttached() {
        if (attachment == null) {
            throw new InvalidStateException("volume " + id + " is not attached");
        }
        return this;
    }
}

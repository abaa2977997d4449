package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.DiskCheckpoint;

/** A checkpoint with the disk content it froze and the write-log generation it was taken at. */
record MockCheckpoint(DiskCheckpoint checkpoint, StoredDisk content, long generation) {
}

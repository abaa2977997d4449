package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.StagedDisk;

/** A staged disk and its content, written in place under the cloud's monitor. */
record MockStagedDisk(StagedDisk disk, byte[] content) {
}

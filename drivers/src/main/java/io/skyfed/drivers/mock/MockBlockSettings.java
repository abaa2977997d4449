package io.skyfed.drivers.mock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a mock cloud offers for warm migrations (provider properties, read when the cloud is created).
 *
 * @param changedBlockTracking whether sessions offer a ChangedBlockService ({@value MockDriverFactory#CHANGED_BLOCKS})
 * @param blockImport          whether sessions offer a BlockImportService ({@value MockDriverFactory#BLOCK_IMPORT})
 * @param guestWriteBlocks     a busy guest: blocks a running guest writes each time a checkpoint of its disk is
 *                             taken ({@value MockDriverFactory#GUEST_WRITE_BLOCKS}), so every delta round finds work
 * @param blockWriteDelayMs    simulated latency of each staged-disk write ({@value MockDriverFactory#BLOCK_WRITE_DELAY_MS}),
 *                             so a test can act while a copy is under way
 * @param failBlockWriteAt     the staged-disk write (counted from 1 in this cloud) that fails once as a provider
 *                             outage would ({@value MockDriverFactory#FAIL_BLOCK_WRITE_AT}; 0: none), so a test can
 *                             interrupt a copy mid-round
 * @param blockWrites          the staged-disk writes so far
 */
record MockBlockSettings(boolean changedBlockTracking, boolean blockImport, int guestWriteBlocks,
                         int blockWriteDelayMs, int failBlockWriteAt, AtomicLong blockWrites) {
}

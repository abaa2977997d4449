package io.skyfed.drivers.mock;

import io.skyfed.drivers.spi.DiskExtent;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Changed-block tracking of one mock cloud: every guest write is logged with a generation number at
 * {@value #BLOCK}-byte granularity (as CBT, dirty bitmaps and EBS blocks track blocks, not bytes); a checkpoint
 * remembers the generation it was taken at and the disk content then, so the blocks changed between two checkpoints
 * are those logged between their generations. With {@code state-dir}, {@link MockStateStore} saves and restores all
 * of it ({@link #log()}, {@link #restore}).
 */
final class MockTracking {

    static final int BLOCK = 64 * 1024;

    /** One logged write: its generation and the blocks it touched. */
    record Write(long generation, long firstBlock, long lastBlock) {
    }

    final ConcurrentMap<String, MockCheckpoint> checkpoints = new ConcurrentSkipListMap<>(NaturalIdOrder.INSTANCE);
    private final Map<String, List<Write>> writes = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong busyWrites = new AtomicLong();

    long generation() {
        return generation.get();
    }

    long busyWrites() {
        return busyWrites.get();
    }

    /** Every instance's write log, oldest first: what a state store saves. */
    Map<String, List<Write>> log() {
        return Map.copyOf(writes);
    }

    /** Replaces everything with what a state store loaded. */
    void restore(long generation, long busyWrites, Map<String, MockCheckpoint> checkpoints,
                 Map<String, List<Write>> log) {
        this.generation.set(generation);
        this.busyWrites.set(busyWrites);
        this.checkpoints.clear();
        this.checkpoints.putAll(checkpoints);
        this.writes.clear();
        log.forEach((instance, entries) -> this.writes.put(instance, new CopyOnWriteArrayList<>(entries)));
    }

    void logWrite(String instanceId, long offset, long length) {
        writes.computeIfAbsent(instanceId, id -> new CopyOnWriteArrayList<>())
                .add(new Write(generation.incrementAndGet(), offset / BLOCK, (offset + length - 1) / BLOCK));
    }

    /** The blocks logged for the instance after generation {@code after} up to {@code upTo}, as extents. */
    List<DiskExtent> changed(String instanceId, long after, long upTo, long size) {
        BitSet blocks = new BitSet();
        for (Write write : writes.getOrDefault(instanceId, List.of())) {
            if (write.generation() > after && write.generation() <= upTo) {
                blocks.set((int) write.firstBlock(), (int) write.lastBlock() + 1);
            }
        }
        return extents(blocks, size);
    }

    /** The blocks holding any non-zero byte, as extents: what a full copy must read. */
    static List<DiskExtent> allocated(byte[] content) {
        BitSet blocks = new BitSet();
        for (int block = 0; (long) block * BLOCK < content.length; block++) {
            int end = (int) Math.min(content.length, (long) (block + 1) * BLOCK);
            for (int i = block * BLOCK; i < end; i++) {
                if (content[i] != 0) {
                    blocks.set(block);
                    break;
                }
            }
        }
        return extents(blocks, content.length);
    }

    /** Where a busy guest writes next: distinct blocks for consecutive calls, spread over the disk. */
    long nextBusyBlock(long blocks) {
        return busyWrites.getAndIncrement() * 7919 % blocks;
    }

    /** Drops what is no longer needed: the log before the instance's oldest checkpoint (all of it, with none left). */
    void trim(String instanceId) {
        long oldest = checkpoints.values().stream().filter(c -> c.checkpoint().instanceId().equals(instanceId))
                .mapToLong(MockCheckpoint::generation).min().orElse(Long.MAX_VALUE);
        List<Write> log = writes.get(instanceId);
        if (log != null) {
            log.removeIf(write -> write.generation() <= oldest);
        }
    }

    /** Forgets a destroyed instance: its checkpoints and its log. */
    void forget(String instanceId) {
        checkpoints.values().removeIf(c -> c.checkpoint().instanceId().equals(instanceId));
        writes.remove(instanceId);
    }

    private static List<DiskExtent> extents(BitSet blocks, long size) {
        List<DiskExtent> extents = new ArrayList<>();
        for (int start = blocks.nextSetBit(0); start >= 0; ) {
            int end = blocks.nextClearBit(start);
            long offset = (long) start * BLOCK;
            long stop = Math.min(size, (long) end * BLOCK);
            if (stop > offset) {
                extents.add(new DiskExtent(offset, stop - offset));
            }
            start = blocks.nextSetBit(end);
        }
        return extents;
    }
}

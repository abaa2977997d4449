package io.skyfed.image.vhdx;

import io.skyfed.image.ByteSource;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.formatkit.Guids;
import io.skyfed.image.formatkit.Regions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays the VHDX log in memory: finds the active sequence (the valid run of consecutive entries whose head has
 * the highest sequence number and whose tail it names) and lays its data and zero descriptors over the file.
 */
final class VhdxLog {

    private static final int PAGE = PatchedSource.PAGE;
    private static final int ENTRY_HEADER = 64;
    private static final int DESCRIPTOR = 32;

    private VhdxLog() {
    }

    /** An entry that passed every check; {@code at} is its offset in the log. */
    private record Entry(long at, long sequence, int length, long tail, long flushedOffset, long lastOffset,
                         ByteBuffer bytes) {
    }

    static PatchedSource replay(ByteSource source, VhdxHeader header, long budget) throws IOException {
        long logLength = Integer.toUnsignedLong(header.logLength());
        if (logLength == 0 || logLength % (1 << 20) != 0 || header.logOffset() % (1 << 20) != 0
                || header.logOffset() < (1 << 20)) {
            throw new ImageFormatException(source.name() + ": VHDX log at " + header.logOffset() + " (+" + logLength
                    + ") is not 1 MiB aligned past the header area");
        }
        byte[] log = Regions.read(source, header.logOffset(), logLength, budget, "VHDX log",
                ByteOrder.LITTLE_ENDIAN).array();
        Map<Long, Entry> valid = new HashMap<>();
        // Entries claiming to be as long as the log at every 4 KiB would cost a checksum of the whole log each:
        // cap the bytes checksummed so a hostile log costs a bounded amount of time.
        long[] checksumBudget = {4 * logLength};
        for (long at = 0; at < logLength; at += PAGE) {
            Entry e = entryAt(log, at, header.logGuid(), checksumBudget);
            if (checksumBudget[0] < 0) {
                throw new ImageFormatException(source.name() + ": VHDX log has too many overlapping entries");
            }
            if (e != null) {
                valid.put(at, e);
            }
        }
        List<Entry> sequence = activeSequence(valid, logLength);
        PatchedSource patched = new PatchedSource(source);
        if (sequence.isEmpty()) {
            return patched;
        }
        Entry head = sequence.get(sequence.size() - 1);
        if (source.size() < head.flushedOffset()) {
            throw new ImageFormatException(source.name() + ": VHDX file is shorter (" + source.size()
                    + " bytes) than its log says was flushed (" + head.flushedOffset() + ")");
        }
        for (Entry e : sequence) {
            apply(e, patched);
        }
        patched.extendTo(head.lastOffset());
        return patched;
    }

    private static List<Entry> activeSequence(Map<Long, Entry> valid, long logLength) {
        List<Entry> heads = new ArrayList<>(valid.values());
        heads.sort(Comparator.comparingLong(Entry::sequence).reversed());
        for (Entry head : heads) {
            Entry tail = valid.get(head.tail());
            if (tail == null || tail.sequence() > head.sequence()
                    || head.sequence() - tail.sequence() >= valid.size()) {
                continue;
            }
            List<Entry> run = new ArrayList<>();
            Entry cur = tail;
            while (cur != null) {
                run.add(cur);
                if (cur == head) {
                    return run;
                }
                Entry next = valid.get((cur.at() + cur.length()) % logLength);
                cur = next != null && next.sequence() == cur.sequence() + 1 ? next : null;
            }
        }
        return List.of();
    }

    /** The entry at {@code at} if its header, descriptors, data sectors and checksum all check out. */
    private static Entry entryAt(byte[] log, long at, java.util.UUID logGuid, long[] checksumBudget) {
        ByteBuffer head = circular(log, at, ENTRY_HEADER);
        if (!Regions.hasSignature(head, 0, "loge")) {
            return null;
        }
        long length = Integer.toUnsignedLong(head.getInt(8));
        long tail = Integer.toUnsignedLong(head.getInt(12));
        long sequence = head.getLong(16);
        long descriptors = Integer.toUnsignedLong(head.getInt(24));
        if (length < PAGE || length % PAGE != 0 || length > log.length || tail % PAGE != 0 || tail >= log.length
                || sequence <= 0 || !Guids.readMixed(head, 32).equals(logGuid)) {
            return null;
        }
        long descriptorBytes = (ENTRY_HEADER + descriptors * DESCRIPTOR + PAGE - 1) / PAGE * PAGE;
        if (descriptorBytes > length) {
            return null;
        }
        checksumBudget[0] -= length;
        if (checksumBudget[0] < 0) {
            return null;
        }
        ByteBuffer entry = circular(log, at, (int) length);
        if (!Crc32c.matches(entry, 4, (int) length)) {
            return null;
        }
        long dataSectors = 0;
        for (int d = 0; d < descriptors; d++) {
            int da = ENTRY_HEADER + d * DESCRIPTOR;
            boolean data = Regions.hasSignature(entry, da, "desc");
            if (!data && !Regions.hasSignature(entry, da, "zero")) {
                return null;
            }
            long fileOffset = entry.getLong(da + 16);
            if (entry.getLong(da + 24) != sequence || fileOffset % PAGE != 0 || fileOffset < 0) {
                return null;
            }
            if (data) {
                long sectorAt = descriptorBytes + dataSectors * PAGE;
                if (sectorAt + PAGE > length || !Regions.hasSignature(entry, (int) sectorAt, "data")
                        || entry.getInt((int) sectorAt + 4) != (int) (sequence >>> 32)
                        || entry.getInt((int) sectorAt + PAGE - 4) != (int) sequence) {
                    return null;
                }
                dataSectors++;
            } else {
                long zeroLength = entry.getLong(da + 8);
                if (zeroLength <= 0 || zeroLength % PAGE != 0 || fileOffset > Long.MAX_VALUE - zeroLength) {
                    return null;
                }
            }
        }
        if (descriptorBytes + dataSectors * PAGE != length) {
            return null;
        }
        return new Entry(at, sequence, (int) length, tail, head.getLong(48), head.getLong(56), entry);
    }

    private static void apply(Entry e, PatchedSource patched) {
        ByteBuffer entry = e.bytes();
        long descriptors = Integer.toUnsignedLong(entry.getInt(24));
        long descriptorBytes = (ENTRY_HEADER + descriptors * DESCRIPTOR + PAGE - 1) / PAGE * PAGE;
        int dataSector = 0;
        for (int d = 0; d < descriptors; d++) {
            int da = ENTRY_HEADER + d * DESCRIPTOR;
            long fileOffset = entry.getLong(da + 16);
            if (Regions.hasSignature(entry, da, "desc")) {
                byte[] page = new byte[PAGE];
                int sectorAt = (int) (descriptorBytes + (long) dataSector++ * PAGE);
                ByteBuffer p = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
                p.putLong(0, entry.getLong(da + 8));
                p.put(8, entry.array(), sectorAt + 8, PAGE - 12);
                p.putInt(PAGE - 4, entry.getInt(da + 4));
                patched.page(fileOffset, page);
            } else {
                patched.zero(fileOffset, entry.getLong(da + 8));
            }
        }
    }

    /** {@code length} bytes of the circular log from {@code at}, wrapping at its end. */
    private static ByteBuffer circular(byte[] log, long at, int length) {
        byte[] out = new byte[length];
        int first = (int) Math.min(length, log.length - at);
        System.arraycopy(log, (int) at, out, 0, first);
        if (first < length) {
            System.arraycopy(log, 0, out, first, length - first);
        }
        return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    }
}

package io.skyfed.image.vmdk;

import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.ExtentList;
import io.skyfed.image.ExtentType;
import io.skyfed.image.Reads;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A VMDK disk: its extents laid end to end as the descriptor lists them (a ZERO extent has no image). */
final class VmdkImage implements DiskImage {

    /** One extent of the disk; {@code image} is null for a ZERO extent. */
    record Part(long start, long length, DiskImage image) {
        long end() {
            return start + length;
        }
    }

    private final String name;
    private final List<Part> parts;
    private final long size;
    private final VmdkDescriptor descriptor;
    private final Closeable descriptorFile;

    /** @param descriptorFile the separate descriptor file to close with the image, or null */
    VmdkImage(String name, List<Part> parts, VmdkDescriptor descriptor, Closeable descriptorFile) {
        this.name = name;
        this.parts = List.copyOf(parts);
        this.size = parts.isEmpty() ? 0 : parts.get(parts.size() - 1).end();
        this.descriptor = descriptor;
        this.descriptorFile = descriptorFile;
    }

    @Override
    public String format() {
        return "vmdk";
    }

    @Override
    public long virtualSize() {
        return size;
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        Reads.checkRange(name, offset, dst.remaining(), size);
        long pos = offset;
        long end = offset + dst.remaining();
        for (Part part : parts) {
            if (pos >= end) {
                break;
            }
            if (part.end() <= pos) {
                continue;
            }
            int n = (int) (Math.min(end, part.end()) - pos);
            if (part.image() == null) {
                Reads.zeroFill(dst, n);
            } else {
                ByteBuffer slice = dst.slice().limit(n);
                part.image().read(pos - part.start(), slice);
                dst.position(dst.position() + n);
            }
            pos += n;
        }
    }

    @Override
    public Iterator<Extent> extents(long offset, long length) throws IOException {
        Reads.checkRange(name, offset, length, size);
        ExtentList out = new ExtentList();
        long end = offset + length;
        for (Part part : parts) {
            long from = Math.max(offset, part.start());
            long to = Math.min(end, part.end());
            if (from >= to) {
                continue;
            }
            if (part.image() == null) {
                out.add(from, to - from, ExtentType.ZERO);
                continue;
            }
            Iterator<Extent> it = part.image().extents(from - part.start(), to - from);
            while (it.hasNext()) {
                Extent e = it.next();
                out.add(e.offset() + part.start(), e.length(), e.type());
            }
        }
        return out.iterator();
    }

    @Override
    public long actualSize() throws IOException {
        long total = 0;
        for (Part part : parts) {
            if (part.image() != null) {
                total += part.image().actualSize();
            }
        }
        return total;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("create-type", descriptor.createType());
        d.put("cid", descriptor.values().getOrDefault("CID", ""));
        d.put("parent-cid", descriptor.parentCid());
        d.put("adapter-type", descriptor.values().getOrDefault("ddb.adapterType", ""));
        List<Map<String, Object>> extents = new ArrayList<>();
        for (VmdkDescriptor.ExtentLine line : descriptor.extents()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", line.type());
            e.put("filename", line.file());
            e.put("virtual-size", line.sectors() * 512);
            extents.add(e);
        }
        d.put("extents", extents);
        return d;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        List<Closeable> all = new ArrayList<>();
        parts.stream().filter(p -> p.image() != null).forEach(p -> all.add(p.image()));
        if (descriptorFile != null) {
            all.add(descriptorFile);
        }
        for (Closeable c : all) {
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

package io.skyfed.image.ova;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.Extent;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.formatkit.SliceSource;
import io.skyfed.image.tar.TarEntry;
import io.skyfed.image.tar.TarInput;
import io.skyfed.image.tar.TarPaths;
import io.skyfed.image.tar.TarReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An OVA read in place: the tar's members are indexed (every path checked), the manifest verified, the OVF's first
 * disk found through DiskSection and References, and that member opened through the registry by its content.
 */
final class OvaImage implements DiskImage {

    private static final int MAX_MEMBERS = 1024;
    private static final int MAX_DESCRIPTOR = 4 << 20;

    private final ByteSource source;
    private final DiskImage disk;
    private final Map<String, Object> details;

    private OvaImage(ByteSource source, DiskImage disk, Map<String, Object> details) {
        this.source = source;
        this.disk = disk;
        this.details = details;
    }

    static OvaImage open(ByteSource source, OpenOptions options, FormatRegistry registry) throws IOException {
        String name = source.name();
        Map<String, TarEntry> members = new LinkedHashMap<>();
        TarReader reader = new TarReader(TarInput.of(source), name, 1, MAX_MEMBERS);
        TarEntry e;
        String ovfName = null;
        String manifestName = null;
        while ((e = reader.next()) != null) {
            String path = TarPaths.requireInside(name, e.name());
            reader.skip(e);
            if (e.type() == '5') {
                continue;
            }
            if (e.type() != '0' && e.type() != '\0' && e.type() != '7') {
                throw new ImageFormatException(name + ": OVA member '" + path + "' is not a regular file (type "
                        + e.type() + ")");
            }
            if (members.put(path, e) != null) {
                throw new ImageFormatException(name + ": OVA holds '" + path + "' twice");
            }
            if (path.endsWith(".ovf") && ovfName == null) {
                ovfName = path;
            } else if (path.endsWith(".mf") && manifestName == null) {
                manifestName = path;
            }
        }
        if (ovfName == null) {
            throw new ImageFormatException(name + ": OVA has no .ovf descriptor");
        }
        byte[] ovfBytes = memberBytes(source, members.get(ovfName), MAX_DESCRIPTOR, "OVF descriptor");
        OvfDescriptor ovf = OvfDescriptor.parse(ovfBytes, name);
        if (manifestName != null) {
            verify(source, members, Manifest.parse(memberBytes(source, members.get(manifestName), 1 << 20,
                    "manifest"), name), name);
        }
        if (ovf.disks().isEmpty()) {
            throw new ImageFormatException(name + ": OVF has no disk in its DiskSection");
        }
        OvfDescriptor.Disk first = ovf.disks().get(0);
        OvfDescriptor.FileRef file = ovf.files().get(first.fileRef());
        if (file == null) {
            throw new ImageFormatException(name + ": OVF disk " + first.diskId() + " refers to file '"
                    + first.fileRef() + "', which References does not list");
        }
        if (file.href().contains(":")) {
            throw new ImageFormatException(name + ": OVF file href '" + file.href() + "' is not inside the package");
        }
        String href = TarPaths.requireInside(name, file.href());
        TarEntry member = members.get(href);
        if (member == null) {
            throw new ImageFormatException(name + ": OVA lacks the disk file '" + href + "' its OVF names");
        }
        if (file.size() >= 0 && file.size() != member.storedSize()) {
            throw new ImageFormatException(name + ": OVF says '" + href + "' is " + file.size() + " bytes, the tar "
                    + member.storedSize());
        }
        SliceSource slice = new SliceSource(source, member.dataOffset(), member.storedSize(), name + "!" + href);
        ImageFormat format = innerFormat(registry, slice);
        DiskImage disk = format.open(slice, options);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("descriptor", ovfName);
        details.put("disk-file", href);
        details.put("disk-format", disk.format());
        details.put("disks", ovf.disks().size());
        details.put("manifest-verified", manifestName != null);
        details.put("ovf-capacity", first.capacityBytes());
        disk.details().forEach((k, v) -> details.put("disk-" + k, v));
        return new OvaImage(source, disk, details);
    }

    /**
     * The disk's format by content. raw's catch-all answer (1) does not count: an OVA's disk is a VMDK (or a VHD),
     * and reading an unrecognised member as a raw disk would only hide the problem.
     */
    private static ImageFormat innerFormat(FormatRegistry registry, ByteSource slice) throws IOException {
        ImageFormat best = null;
        int bestScore = 1;
        for (ImageFormat f : registry.all().values()) {
            if (f.name().equals(OvaFormat.NAME) || f.name().equals("gce")) {
                continue;
            }
            int score = f.probe(slice);
            if (score > bestScore) {
                best = f;
                bestScore = score;
            }
        }
        if (best == null) {
            throw new ImageFormatException(slice.name() + ": no disk format recognises the OVA's disk");
        }
        return best;
    }

    private static byte[] memberBytes(ByteSource source, TarEntry e, int limit, String what) throws IOException {
        if (e.storedSize() > limit) {
            throw new ImageFormatException(source.name() + ": OVA " + what + " of " + e.storedSize()
                    + " bytes is larger than " + limit);
        }
        ByteBuffer b = ByteBuffer.allocate((int) e.storedSize());
        source.readFully(e.dataOffset(), b);
        return b.array();
    }

    private static void verify(ByteSource source, Map<String, TarEntry> members, Map<String, Manifest.Expected> mf,
                               String name) throws IOException {
        for (Map.Entry<String, Manifest.Expected> want : mf.entrySet()) {
            TarEntry e = members.get(want.getKey());
            if (e == null) {
                throw new ImageFormatException(name + ": manifest lists '" + want.getKey() + "', which the OVA lacks");
            }
            MessageDigest md;
            try {
                md = MessageDigest.getInstance(want.getValue().algorithm());
            } catch (NoSuchAlgorithmException ex) {
                throw new ImageFormatException(name + ": no " + want.getValue().algorithm(), ex);
            }
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            for (long at = 0; at < e.storedSize(); at += buf.capacity()) {
                buf.clear().limit((int) Math.min(buf.capacity(), e.storedSize() - at));
                source.readFully(e.dataOffset() + at, buf);
                buf.flip();
                md.update(buf);
            }
            String got = HexFormat.of().formatHex(md.digest());
            if (!got.equals(want.getValue().hex())) {
                throw new ImageFormatException(name + ": '" + want.getKey() + "' does not match its manifest digest");
            }
        }
    }

    @Override
    public String format() {
        return OvaFormat.NAME;
    }

    @Override
    public long virtualSize() {
        return disk.virtualSize();
    }

    @Override
    public void read(long offset, ByteBuffer dst) throws IOException {
        disk.read(offset, dst);
    }

    @Override
    public Iterator<Extent> extents(long offset, long length) throws IOException {
        return disk.extents(offset, length);
    }

    @Override
    public long actualSize() throws IOException {
        return source.size();
    }

    @Override
    public Map<String, Object> details() {
        return details;
    }

    @Override
    public void close() throws IOException {
        disk.close();
    }
}

package io.skyfed.image.vmdk;

import io.skyfed.image.ByteSource;
import io.skyfed.image.DiskImage;
import io.skyfed.image.ImageFormat;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.ImageWriter;
import io.skyfed.image.OpenOptions;
import io.skyfed.image.WriteOptions;
import io.skyfed.image.WriteTarget;
import io.skyfed.image.file.FileByteSource;
import io.skyfed.image.formatkit.TargetOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * VMware VMDK. Reads monolithicSparse, streamOptimized, monolithicFlat, twoGbMaxExtentSparse/Flat and vmfs
 * (descriptor plus extents, which must be plain file names next to the descriptor); writes streamOptimized (to any
 * stream) and monolithicSparse. Delta disks (a parent CID) are refused.
 */
public final class VmdkFormat implements ImageFormat {

    private static final Set<String> FLAT_TYPES = Set.of("FLAT", "VMFS");

    @Override
    public String name() {
        return "vmdk";
    }

    @Override
    public int probe(ByteSource source) throws IOException {
        if (SparseExtentHeader.probe(source)) {
            return 100;
        }
        int n = VmdkDescriptor.SIGNATURE.length();
        if (source.size() < n) {
            return 0;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        source.readFully(0, b);
        return new String(b.array(), StandardCharsets.ISO_8859_1).equals(VmdkDescriptor.SIGNATURE) ? 100 : 0;
    }

    @Override
    public DiskImage open(ByteSource source, OpenOptions options) throws IOException {
        if (SparseExtentHeader.probe(source)) {
            return openSparse(source, options);
        }
        return openDescriptor(source, options);
    }

    private DiskImage openSparse(ByteSource source, OpenOptions options) throws IOException {
        SparseExtentHeader header = SparseExtentHeader.read(source, 0);
        VmdkDescriptor descriptor = VmdkDescriptor.parse(source.name(), readText(source,
                header.descriptorOffset() * 512, header.descriptorSize() * 512));
        refuseParent(source.name(), descriptor);
        SparseExtent extent = SparseExtent.open(source, header, options);
        return new VmdkImage(source.name(), List.of(new VmdkImage.Part(0, extent.virtualSize(), extent)), descriptor, null);
    }

    private DiskImage openDescriptor(ByteSource source, OpenOptions options) throws IOException {
        if (source.size() > VmdkDescriptor.MAX_BYTES) {
            throw new ImageFormatException(source.name() + ": VMDK descriptor file larger than "
                    + VmdkDescriptor.MAX_BYTES + " bytes");
        }
        VmdkDescriptor descriptor = VmdkDescriptor.parse(source.name(), readText(source, 0, source.size()));
        refuseParent(source.name(), descriptor);
        if (descriptor.extents().isEmpty()) {
            throw new ImageFormatException(source.name() + ": VMDK descriptor lists no extents");
        }
        List<VmdkImage.Part> parts = new ArrayList<>();
        long start = 0;
        try {
            for (VmdkDescriptor.ExtentLine line : descriptor.extents()) {
                long length = line.sectors() * 512;
                parts.add(new VmdkImage.Part(start, length, openExtent(source, line, length, options)));
                start += length;
            }
        } catch (IOException | RuntimeException e) {
            new VmdkImage(source.name(), parts, descriptor, null).close();
            throw e;
        }
        return new VmdkImage(source.name(), parts, descriptor, source);
    }

    private DiskImage openExtent(ByteSource descriptorSource, VmdkDescriptor.ExtentLine line, long length,
                                 OpenOptions options) throws IOException {
        String name = descriptorSource.name();
        if (line.access().equals("NOACCESS")) {
            throw new ImageFormatException(name + ": VMDK extent '" + line.file() + "' is marked NOACCESS");
        }
        if (line.type().equals("ZERO")) {
            return null;
        }
        if (!line.type().equals("SPARSE") && !FLAT_TYPES.contains(line.type())) {
            throw new ImageFormatException(name + ": VMDK extent type " + line.type() + " is not supported");
        }
        FileByteSource file = FileByteSource.open(sibling(descriptorSource, line.file()));
        try {
            if (FLAT_TYPES.contains(line.type())) {
                return new FlatExtent(file, line.offset() * 512, length);
            }
            SparseExtent sparse = SparseExtent.open(file, SparseExtentHeader.read(file, 0), options);
            if (sparse.virtualSize() < length) {
                throw new ImageFormatException(file.name() + ": sparse extent holds " + sparse.virtualSize()
                        + " bytes but the descriptor gives it " + length);
            }
            return sparse;
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** Resolves an extent file name, which must name a file in the descriptor's own directory. */
    static Path sibling(ByteSource descriptor, String file) throws IOException {
        String name = descriptor.name();
        if (file.isEmpty() || file.contains("/") || file.contains("\\") || file.contains("\0")
                || file.equals(".") || file.equals("..")) {
            throw new ImageFormatException(name + ": VMDK extent '" + file
                    + "' is not a plain file name next to the descriptor; refused");
        }
        Path descriptorPath = descriptor.path().orElseThrow(() -> new ImageFormatException(name
                + ": VMDK extent files can only be opened next to a descriptor file"));
        Path dir = descriptorPath.toAbsolutePath().getParent().toRealPath();
        Path real;
        try {
            real = dir.resolve(file).toRealPath();
        } catch (NoSuchFileException e) {
            throw new ImageFormatException(name + ": VMDK extent file '" + file + "' does not exist");
        }
        if (!dir.equals(real.getParent())) {
            throw new ImageFormatException(name + ": VMDK extent '" + file + "' leads outside the descriptor's directory");
        }
        return real;
    }

    private static void refuseParent(String name, VmdkDescriptor descriptor) throws ImageFormatException {
        if (!descriptor.parentCid().equalsIgnoreCase("ffffffff")) {
            throw new ImageFormatException(name + ": VMDK delta disk (parentCID " + descriptor.parentCid()
                    + ") refused: parent disks are not followed");
        }
    }

    private static String readText(ByteSource source, long offset, long length) throws IOException {
        if (length <= 0) {
            return "";
        }
        if (length > VmdkDescriptor.MAX_BYTES || offset > source.size() - length) {
            throw new ImageFormatException(source.name() + ": VMDK descriptor at " + offset + " (" + length
                    + " bytes) is too large or past the end of the file");
        }
        ByteBuffer b = ByteBuffer.allocate((int) length);
        source.readFully(offset, b);
        return new String(b.array(), StandardCharsets.UTF_8);
    }

    @Override
    public boolean canWrite() {
        return true;
    }

    @Override
    public boolean writesSequentially() {
        return true;
    }

    @Override
    public ImageWriter create(WriteTarget target, long virtualSize, WriteOptions options) throws IOException {
        VmdkWriteOptions o = VmdkWriteOptions.parse(options);
        return switch (o.subformat()) {
            case "streamOptimized" -> {
                OutputStream out = TargetOutput.stream(target);
                yield new StreamOptimizedWriter(out, virtualSize, o);
            }
            case "monolithicSparse" -> {
                if (!(target instanceof WriteTarget.Seekable s)) {
                    throw new IllegalArgumentException("vmdk monolithicSparse needs a seekable file; "
                            + "use subformat=streamOptimized for a stream");
                }
                yield new MonolithicSparseWriter(s.channel(), virtualSize, o);
            }
            default -> throw new IllegalArgumentException("vmdk: subformat " + o.subformat()
                    + " cannot be written (monolithicSparse or streamOptimized)");
        };
    }
}

package io.skyfed.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.skyfed.image.testing.Images;
import io.skyfed.image.testing.Qemu;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-made hostile images, generated here from valid qemu-img output patched byte by byte or written from
 * scratch: every one must end in an {@link IOException} that says what is wrong (never a RuntimeException, a hang
 * or an OutOfMemoryError). The timeout only guards against hangs.
 */
@Timeout(60)
class HostileImagesTest {

    @TempDir
    Path dir;
    Path raw;

    @BeforeEach
    void source() throws Exception {
        raw = dir.resolve("src.raw");
        Images.rawWithData(raw, 4L << 20, 0, 1 << 20, 3 << 20);
    }

    private Path qemu(String name, String... opts) throws Exception {
        Path out = dir.resolve(name);
        List<String> cmd = new java.util.ArrayList<>(List.of("qemu-img", "convert", "-f", "raw"));
        cmd.addAll(List.of(opts));
        cmd.add(raw.toString());
        cmd.add(out.toString());
        Qemu.ok(dir, cmd.toArray(String[]::new));
        return out;
    }

    // ------------------------------------------------------------------ qcow2

    @Test
    void qcow2TruncatedHeader() throws Exception {
        Path f = dir.resolve("short.qcow2");
        Files.write(f, new byte[] {'Q', 'F', 'I', (byte) 0xfb, 0, 0, 0, 3});
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "too short");
    }

    @Test
    void qcow2BadVersionAndClusterBits() throws Exception {
        Path f = qemu("v.qcow2", "-O", "qcow2");
        Images.patch(f, 4, be32(4));
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "version 4");
        Images.patch(f, 4, be32(3));
        Images.patch(f, 20, be32(30));
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "cluster_bits 30");
    }

    @Test
    void qcow2EncryptedIsRefused() throws Exception {
        Path f = qemu("e.qcow2", "-O", "qcow2");
        Images.patch(f, 32, be32(1));
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "encrypted");
    }

    @Test
    void qcow2L1PastEndOrHuge() throws Exception {
        Path f = qemu("l1.qcow2", "-O", "qcow2");
        Images.patch(f, 40, be64(1L << 40));
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "L1 table offset");
        Path g = qemu("l1big.qcow2", "-O", "qcow2");
        Images.patch(g, 24, be64(1L << 50));
        Images.patch(g, 36, be32(0x7fffffff));
        assertRejected(g, "qcow2", OpenOptions.untrusted(), "exceeds the limit");
        Path h = qemu("l1small.qcow2", "-O", "qcow2");
        Images.patch(h, 24, be64(1L << 50));
        assertRejected(h, "qcow2", OpenOptions.untrusted(), "too small");
    }

    @Test
    void qcow2L2AndDataOffsetsAreChecked() throws Exception {
        Path f = qemu("l2.qcow2", "-O", "qcow2");
        long l1 = readBe64(f, 40);
        long l2 = readBe64(f, l1) & 0x00fffffffffffe00L;
        Images.patch(f, l1, be64((1L << 63) | (l2 + 512)));
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "L2 table offset");
        Images.patch(f, l1, be64((1L << 63) | (1L << 45)));
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "past the end");

        Path g = qemu("data.qcow2", "-O", "qcow2");
        long gl2 = readBe64(g, readBe64(g, 40)) & 0x00fffffffffffe00L;
        Images.patch(g, gl2, be64((1L << 63) | (1L << 44)));
        assertRejected(g, "qcow2", OpenOptions.untrusted(), "past the end");
        Images.patch(g, gl2, be64((1L << 63) | 4096));
        assertRejected(g, "qcow2", OpenOptions.untrusted(), "not cluster-aligned");
    }

    @Test
    void qcow2L2PointingAtTheHeaderIsHarmless() throws Exception {
        // Overlapping tables: the header cluster read as an L2 table yields garbage entries; each is checked, so
        // the result is garbage data or a clear error, never a crash.
        Path f = qemu("overlap.qcow2", "-O", "qcow2");
        long l1 = readBe64(f, 40);
        Images.patch(f, l1, be64(1L << 63));
        Images.patch(f, l1 + 8, be64((1L << 63) | l1));
        try (DiskImage img = Images.open(f, "qcow2", OpenOptions.untrusted())) {
            Images.digest(img);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void qcow2CorruptCompressedCluster() throws Exception {
        Path f = qemu("c.qcow2", "-O", "qcow2", "-c");
        long l2 = readBe64(f, readBe64(f, 40)) & 0x00fffffffffffe00L;
        long entry = 0;
        for (int i = 0; (entry & (1L << 62)) == 0; i++) {
            entry = readBe64(f, l2 + 8L * i);
        }
        long host = entry & ((1L << (62 - 8)) - 1);
        byte[] junk = new byte[2048];
        java.util.Arrays.fill(junk, (byte) 0xff);
        Images.patch(f, host, ByteBuffer.wrap(junk));
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "compressed cluster");
    }

    @Test
    void qcow2FeatureBits() throws Exception {
        Path f = qemu("feat.qcow2", "-O", "qcow2");
        Images.patch(f, 72, be64(4));
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "external data file is refused");
        Images.patch(f, 72, be64(1L << 40));
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "unknown qcow2 incompatible features");
        Images.patch(f, 72, be64(0));
        Images.patch(f, 112, ByteBuffer.allocate(8).putInt(0x12345678).putInt(1 << 30).flip());
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "runs past the header cluster");
    }

    @Test
    void qcow2BackingFilesNeedPermissionAndStayInside() throws Exception {
        Path base = qemu("base.qcow2", "-O", "qcow2");
        Path top = dir.resolve("top.qcow2");
        Qemu.ok(dir, "qemu-img", "create", "-q", "-f", "qcow2", "-b", base.toString(), "-F", "qcow2", top.toString());
        assertRejected(top, "qcow2", OpenOptions.untrusted(), "backing files are refused");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        assertRejected(top, "qcow2", OpenOptions.withBackingIn(List.of(elsewhere)), "outside the allowed directories");
        try (DiskImage img = Images.open(top, "qcow2", OpenOptions.withBackingIn(List.of(dir)))) {
            assertThat(Images.digest(img)).isEqualTo(Images.digestRaw(raw, 4L << 20));
        }
    }

    @Test
    void qcow2BackingLoopEnds() throws Exception {
        Path a = dir.resolve("a.qcow2");
        Path b = dir.resolve("b.qcow2");
        Qemu.ok(dir, "qemu-img", "create", "-q", "-f", "qcow2", "-u", "-b", "b.qcow2", "-F", "qcow2", a.toString(), "1M");
        Qemu.ok(dir, "qemu-img", "create", "-q", "-f", "qcow2", "-u", "-b", "a.qcow2", "-F", "qcow2", b.toString(), "1M");
        assertRejected(a, "qcow2", OpenOptions.withBackingIn(List.of(dir)), "deeper than allowed");
    }

    @Test
    void qcow2ExtendedL2ContradictoryBitmap() throws Exception {
        Path f = qemu("x.qcow2", "-O", "qcow2", "-o", "extended_l2=on");
        long l2 = readBe64(f, readBe64(f, 40)) & 0x00fffffffffffe00L;
        Images.patch(f, l2 + 8, be64(0x0000000100000001L));
        assertRejected(f, "qcow2", OpenOptions.untrusted(), "both allocated and zero");
    }

    // ------------------------------------------------------------------ vmdk

    @Test
    void vmdkBadHeaderFields() throws Exception {
        Path f = qemu("g.vmdk", "-O", "vmdk");
        Images.patch(f, 20, le64(3));
        assertRejected(f, "vmdk", OpenOptions.untrusted(), "grain size");
        Path c = qemu("cap.vmdk", "-O", "vmdk");
        Images.patch(c, 12, le64(1L << 50));
        assertRejected(c, "vmdk", OpenOptions.untrusted(), "capacity");
    }

    @Test
    void vmdkTablesPastTheEnd() throws Exception {
        Path f = qemu("gd.vmdk", "-O", "vmdk");
        Images.patch(f, 56, le64(1L << 30));
        assertRejected(f, "vmdk", OpenOptions.untrusted(), "grain directory");
        Path g = qemu("gt.vmdk", "-O", "vmdk");
        long gd = readLe64(g, 56) * 512;
        Images.patch(g, gd, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fffffff).flip());
        assertRejected(g, "vmdk", OpenOptions.untrusted(), "grain table");
    }

    @Test
    void vmdkStreamGrainMarkerAndDeflateData() throws Exception {
        Path f = qemu("s.vmdk", "-O", "vmdk", "-o", "subformat=streamOptimized");
        long first = 128 * 512;
        Images.patch(f, first + 8, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0x7fffffff).flip());
        assertRejected(f, "vmdk", OpenOptions.untrusted(), "grain marker size");
        Path g = qemu("s2.vmdk", "-O", "vmdk", "-o", "subformat=streamOptimized");
        Images.patch(g, first + 12, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
        assertRejected(g, "vmdk", OpenOptions.untrusted(), "grain");
        Path h = qemu("s3.vmdk", "-O", "vmdk", "-o", "subformat=streamOptimized");
        Images.patch(h, 56, le64(-1));
        try (FileChannel ch = FileChannel.open(h, StandardOpenOption.WRITE)) {
            ch.truncate(2048);
        }
        assertRejected(h, "vmdk", OpenOptions.untrusted(), "");
    }

    @Test
    void vmdkExtentPathsStayNextToTheDescriptor() throws Exception {
        Files.writeString(dir.resolve("secret"), "x".repeat(4096));
        for (String file : List.of("../secret", "/etc/passwd", "sub/x.vmdk", "..")) {
            Path d = descriptor("trav.vmdk", "RW 8 FLAT \"" + file + "\" 0");
            assertRejected(d, "vmdk", OpenOptions.untrusted(), "refused");
        }
        Path inner = Files.createDirectories(dir.resolve("inner"));
        Files.createSymbolicLink(inner.resolve("link-flat.vmdk"), dir.resolve("secret"));
        Path d = Files.writeString(inner.resolve("link.vmdk"), descriptorText("RW 8 FLAT \"link-flat.vmdk\" 0"));
        assertRejected(d, "vmdk", OpenOptions.untrusted(), "outside the descriptor's directory");
    }

    @Test
    void vmdkDescriptorLimits() throws Exception {
        Path big = dir.resolve("big.vmdk");
        Files.writeString(big, descriptorText("") + "#".repeat(2 << 20));
        assertRejected(big, "vmdk", OpenOptions.untrusted(), "larger than");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            many.append("RW 1 ZERO\n");
        }
        assertRejected(descriptor("many.vmdk", many.toString()), "vmdk", OpenOptions.untrusted(), "more than");
        assertRejected(descriptor("none.vmdk", ""), "vmdk", OpenOptions.untrusted(), "no extents");
        assertRejected(descriptor("sesparse.vmdk", "RW 8 SESPARSE \"x.vmdk\""), "vmdk", OpenOptions.untrusted(), "not supported");
        assertRejected(descriptor("bad.vmdk", "RW lots FLAT \"x.vmdk\" 0"), "vmdk", OpenOptions.untrusted(), "bad number");
    }

    @Test
    void vmdkDeltaDiskIsRefused() throws Exception {
        Path d = dir.resolve("delta.vmdk");
        Files.writeString(d, descriptorText("RW 8 ZERO").replace("parentCID=ffffffff", "parentCID=12345678"));
        assertRejected(d, "vmdk", OpenOptions.untrusted(), "parentCID");
    }

    @Test
    void vmdkFlatExtentLargerThanItsFile() throws Exception {
        Files.write(dir.resolve("small-flat.vmdk"), new byte[1024]);
        assertRejected(descriptor("flat.vmdk", "RW 1000000 FLAT \"small-flat.vmdk\" 0"), "vmdk",
                OpenOptions.untrusted(), "larger than the file");
    }

    // ------------------------------------------------------------------ helpers

    private Path descriptor(String name, String extents) throws IOException {
        return Files.writeString(dir.resolve(name), descriptorText(extents));
    }

    private static String descriptorText(String extents) {
        return "# Disk DescriptorFile\nversion=1\nCID=fffffffe\nparentCID=ffffffff\ncreateType=\"monolithicFlat\"\n\n"
                + extents + "\n\nddb.adapterType = \"ide\"\n";
    }

    /** Opens, maps and reads the whole image; something on the way must fail with a clear IOException. */
    static void assertRejected(Path file, String format, OpenOptions options, String fragment) {
        try (DiskImage img = Images.open(file, format, options)) {
            for (long w = 0; w < img.virtualSize(); w += 1L << 30) {
                Iterator<Extent> it = img.extents(w, Math.min(1L << 30, img.virtualSize() - w));
                ByteBuffer buf = ByteBuffer.allocate(1 << 20);
                while (it.hasNext()) {
                    Extent e = it.next();
                    for (long p = e.offset(); p < e.end(); p += buf.capacity()) {
                        buf.clear().limit((int) Math.min(buf.capacity(), e.end() - p));
                        img.read(p, buf);
                    }
                }
            }
            fail(file.getFileName() + " was read without complaint");
        } catch (IOException e) {
            assertThat(e.getMessage()).contains(fragment);
            assertThat(e.getMessage()).doesNotContain("\n");
        }
    }

    private static ByteBuffer be32(int v) {
        return ByteBuffer.allocate(4).putInt(v).flip();
    }

    private static ByteBuffer be64(long v) {
        return ByteBuffer.allocate(8).putLong(v).flip();
    }

    private static ByteBuffer le64(long v) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).flip();
    }

    private static long readBe64(Path f, long at) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8);
        try (FileChannel ch = FileChannel.open(f)) {
            ch.read(b, at);
        }
        return b.getLong(0);
    }

    private static long readLe64(Path f, long at) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel ch = FileChannel.open(f)) {
            ch.read(b, at);
        }
        return b.getLong(0);
    }

}

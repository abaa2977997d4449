package io.skyfed.image.ova;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.image.DiskImage;
import io.skyfed.image.FormatRegistry;
import io.skyfed.image.ImageFormatException;
import io.skyfed.image.file.FileByteSource;
import io.skyfed.image.tar.TarHeaders;
import io.skyfed.image.testkit.Images;
import io.skyfed.image.testkit.Shell;
import io.skyfed.image.vdi.VdiFormat;
import io.skyfed.image.vhd.VhdFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OvaFormatTest {

    private static final long SIZE = (3L << 20) + 512;

    @TempDir
    Path dir;

    private final OvaFormat ova = new OvaFormat(() -> new FormatRegistry(List.of(new VhdFormat(), new VdiFormat(),
            new StandInVmdk(), new OvaFormat(() -> { throw new AssertionError("nested"); }))));

    @Test
    void writesOvfFirstThenManifestThenDiskAndReadsItBack() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", SIZE, 20);
        Path img = dir.resolve("vm.ova");
        Images.writeStream(ova, raw, img, Map.of("subformat", "streamOptimized", "name", "vm"));
        assertThat(Shell.run(dir, "tar", "-tf", img.toString()).lines().toList())
                .containsExactly("vm.ovf", "vm.mf", "vm-disk1.vmdk");
        Path x = Files.createDirectories(dir.resolve("x"));
        Shell.run(x, "tar", "-xf", img.toString());
        Shell.run(x, "sh", "-c", "sed -e 's/^SHA256(\\(.*\\))= \\(.*\\)$/\\2  \\1/' vm.mf | sha256sum -c");
        String ovf = Files.readString(x.resolve("vm.ovf"));
        assertThat(ovf).contains("ovf:href=\"vm-disk1.vmdk\"")
                .contains("ovf:size=\"" + Files.size(x.resolve("vm-disk1.vmdk")) + "\"")
                .contains("ovf:capacity=\"" + SIZE + "\"").contains("vmdk.html#streamOptimized")
                .contains("<rasd:ResourceSubType>lsilogic</rasd:ResourceSubType>");
        Path strict = Path.of("").toAbsolutePath().getParent().resolve("../shared/images/imgtool.py").normalize();
        Shell.run(dir, "python3", strict.toString(), "ova-locate", "--strict", img.toString());
        try (FileByteSource s = FileByteSource.open(img)) {
            assertThat(ova.probe(s)).isEqualTo(100);
        }
        try (DiskImage image = Images.open(ova, img)) {
            assertThat(image.format()).isEqualTo("ova");
            assertThat(image.virtualSize()).isEqualTo(SIZE);
            assertThat(image.details()).containsEntry("manifest-verified", true).containsEntry("disk-format", "vpc");
            Path back = Images.readToRaw(image, dir.resolve("back.raw"));
            assertThat(Files.mismatch(back, raw)).isEqualTo(-1);
        }
    }

    @Test
    void findsTheDiskThroughReferencesNotByItsName() throws Exception {
        Path raw = Images.rawSample(dir, "in.raw", SIZE, 21);
        Path vdi = dir.resolve("d.vdi");
        Images.writeFile(new VdiFormat(), raw, vdi, Map.of());
        byte[] disk = Files.readAllBytes(vdi);
        byte[] decoy = new byte[4096];
        String ovf = descriptor("payload.bin", disk.length);
        Path img = tar(dir.resolve("p.ova"), Map.of("p.ovf", ovf.getBytes(StandardCharsets.UTF_8),
                "decoy.vmdk", decoy, "payload.bin", disk), List.of("p.ovf", "decoy.vmdk", "payload.bin"));
        try (DiskImage image = Images.open(ova, img)) {
            assertThat(image.details()).containsEntry("disk-file", "payload.bin").containsEntry("disk-format", "vdi");
            assertThat(Files.mismatch(Images.readToRaw(image, dir.resolve("b.raw")), raw)).isEqualTo(-1);
        }
    }

    @Test
    void refusesMembersLeavingTheArchiveBadManifestsAndDoctypes() throws Exception {
        byte[] ovf = descriptor("d.vmdk", 4).getBytes(StandardCharsets.UTF_8);
        Path escape = tar(dir.resolve("e.ova"), Map.of("x.ovf", ovf, "../d.vmdk", new byte[4]),
                List.of("x.ovf", "../d.vmdk"));
        assertThatThrownBy(() -> Images.open(ova, escape)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("leaves the archive");
        Path href = tar(dir.resolve("h.ova"), Map.of("x.ovf", descriptor("/etc/passwd", 4).getBytes(
                StandardCharsets.UTF_8)), List.of("x.ovf"));
        assertThatThrownBy(() -> Images.open(ova, href)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("leaves the archive");
        byte[] mf = ("SHA256(d.vmdk)= " + "0".repeat(64) + "\n").getBytes(StandardCharsets.UTF_8);
        Path badMf = tar(dir.resolve("m.ova"), Map.of("x.ovf", ovf, "x.mf", mf, "d.vmdk", new byte[4]),
                List.of("x.ovf", "x.mf", "d.vmdk"));
        assertThatThrownBy(() -> Images.open(ova, badMf)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("manifest digest");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><e>&x;</e>";
        Path doctype = tar(dir.resolve("x.ova"), Map.of("x.ovf", xxe.getBytes(StandardCharsets.UTF_8)),
                List.of("x.ovf"));
        assertThatThrownBy(() -> Images.open(ova, doctype)).isInstanceOf(ImageFormatException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void writingWithoutAVmdkWriterIsAClearError() {
        OvaFormat alone = new OvaFormat(() -> new FormatRegistry(List.of(new VhdFormat())));
        assertThatThrownBy(() -> alone.create(new io.skyfed.image.WriteTarget.Stream(
                java.io.OutputStream.nullOutputStream()), SIZE, Images.options(Map.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vmdk writer");
    }

    static String descriptor(String href, long size) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
                  <References><File ovf:id="f1" ovf:href="%s" ovf:size="%d"/></References>
                  <DiskSection><Info>d</Info><Disk ovf:diskId="d1" ovf:fileRef="f1" ovf:capacity="1"
                    ovf:capacityAllocationUnits="byte * 2^20"/></DiskSection>
                </Envelope>
                """.formatted(href, size);
    }

    static Path tar(Path out, Map<String, byte[]> members, List<String> order) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String name : order) {
            byte[] content = members.get(name);
            b.writeBytes(TarHeaders.ustar(name, content.length, 0));
            b.writeBytes(content);
            b.writeBytes(TarHeaders.padding(content.length));
        }
        b.writeBytes(TarHeaders.END);
        Files.write(out, b.toByteArray());
        return out;
    }
}

package io.skyfed.image.tar;

import static io.skyfed.image.testkit.Hostile.assertRefused;

import io.skyfed.image.gce.GceFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hostile tar.gz archives against the GCE reader (the OVA reader shares the tar code; see OvaFormatTest). */
@Timeout(30)
class TarHostileTest {

    private final GceFormat gce = new GceFormat();

    private static byte[] gzip(byte[]... parts) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(b)) {
            for (byte[] p : parts) {
                z.write(p);
            }
        }
        return b.toByteArray();
    }

    private static byte[] sparse(long realSize, List<TarEntry.SparsePiece> pieces) {
        return TarHeaders.oldGnuSparse("disk.raw", realSize, pieces, 0);
    }

    @Test
    void truncatedGzip() throws Exception {
        byte[] full = gzip(TarHeaders.ustar("disk.raw", 4096, 0), new byte[4096], TarHeaders.END);
        assertRefused(gce, Arrays.copyOf(full, full.length - 12), "");
    }

    @Test
    void badHeaderChecksum() throws Exception {
        byte[] h = TarHeaders.ustar("disk.raw", 512, 0);
        h[10] ^= 1;
        assertRefused(gce, gzip(h, new byte[512], TarHeaders.END), "bad checksum");
    }

    @Test
    void dataShorterThanTheHeaderSays() throws Exception {
        assertRefused(gce, gzip(TarHeaders.ustar("disk.raw", 1 << 20, 0), new byte[512]), "ends inside");
    }

    @Test
    void overlappingSparsePieces() throws Exception {
        byte[] h = sparse(1 << 20, List.of(new TarEntry.SparsePiece(4096, 1024), new TarEntry.SparsePiece(4096, 512)));
        assertRefused(gce, gzip(h, new byte[2048], TarHeaders.END), "overlap");
    }

    @Test
    void sparsePiecePastTheRealSize() throws Exception {
        byte[] h = sparse(8192, List.of(new TarEntry.SparsePiece(8000, 1024)));
        assertRefused(gce, gzip(h, new byte[1024], TarHeaders.END), "past the file");
    }

    @Test
    void endlessSparseExtensionChainIsCapped() throws Exception {
        List<TarEntry.SparsePiece> pieces = new ArrayList<>();
        for (int i = 0; i < 4 + 21 * 5000; i++) {
            pieces.add(new TarEntry.SparsePiece(i * 1024L, 512));
        }
        byte[] h = sparse(Long.MAX_VALUE / 4, pieces);
        TarReader reader = new TarReader(TarInput.of(new java.io.ByteArrayInputStream(h)), "t", 1000, 10);
        org.assertj.core.api.Assertions.assertThatThrownBy(reader::next)
                .isInstanceOf(io.skyfed.image.ImageFormatException.class).hasMessageContaining("more than 1000 pieces");
    }

    @Test
    void hugeLongName() throws Exception {
        byte[] h = TarHeaders.ustar("././@LongLink", 1 << 24, 0);
        h[156] = 'L';
        String sum = String.format("%06o", TarNumbers.checksum(h));
        System.arraycopy((sum + "\0 ").getBytes(StandardCharsets.US_ASCII), 0, h, 148, 8);
        assertRefused(gce, gzip(h, new byte[1024]), "larger than");
    }

    @Test
    void noDisk() throws Exception {
        assertRefused(gce, gzip(TarHeaders.END), "has no disk.raw");
        assertRefused(gce, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3}, "");
    }
}

package io.skyfed.image.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training run of {@code bin/skyfed-image}'s class-data-sharing archive: exercises the commands and formats of a
 * typical run on a tiny image, so the archive holds the classes a real conversion loads (an archive trained on
 * {@code --help} alone misses most of them, and class loading is much of a short conversion's start-up).
 * It prints nothing, and fails when a run fails, so the launcher keeps no archive of a broken path.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("skyfed-image-cds");
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            Path raw = dir.resolve("train.raw");
            try (FileChannel file = FileChannel.open(raw, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                file.write(ByteBuffer.wrap("skyfed".repeat(20_000).getBytes()), 1 << 20);
                file.truncate(4 << 20);
            }
            List<String[]> runs = List.of(
                    new String[] {"convert", "-f", "raw", "-O", "qcow2", raw.toString(), dir.resolve("a.qcow2").toString()},
                    new String[] {"convert", "-f", "qcow2", "-O", "raw", dir.resolve("a.qcow2").toString(), dir.resolve("b.raw").toString()},
                    new String[] {"convert", "-O", "vmdk", "-o", "subformat=streamOptimized", dir.resolve("a.qcow2").toString(), dir.resolve("c.vmdk").toString()},
                    new String[] {"convert", "-O", "vmdk", "-o", "subformat=monolithicSparse", dir.resolve("a.qcow2").toString(), dir.resolve("d.vmdk").toString()},
                    new String[] {"convert", "-f", "vmdk", "-O", "qcow2", "-c", dir.resolve("d.vmdk").toString(), dir.resolve("e.qcow2").toString()},
                    new String[] {"convert", "-O", "vpc", "-o", "subformat=fixed", dir.resolve("a.qcow2").toString(), dir.resolve("f.vhd").toString()},
                    new String[] {"convert", "-O", "vhdx", raw.toString(), dir.resolve("g.vhdx").toString()},
                    new String[] {"convert", "-O", "vdi", raw.toString(), dir.resolve("h.vdi").toString()},
                    new String[] {"info", "--output=json", dir.resolve("f.vhd").toString()},
                    new String[] {"check", dir.resolve("a.qcow2").toString()},
                    new String[] {"compare", raw.toString(), dir.resolve("c.vmdk").toString()});
            for (String[] run : runs) {
                int exit = Main.run(run);
                if (exit != 0) {
                    throw new IllegalStateException("training run " + String.join(" ", run) + " exited " + exit);
                }
            }
        } finally {
            System.setOut(out);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}

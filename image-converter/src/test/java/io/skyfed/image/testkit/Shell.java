package io.skyfed.image.testkit;

import io.skyfed.image.testing.Qemu;
import java.io.IOException;
import java.nio.file.Path;

/** Runs a reference tool (tar, imgtool.py) in a directory and fails the test when it fails. */
public final class Shell {

    private Shell() {
    }

    /** Returns the tool's merged stdout and stderr; one process runner ({@link Qemu#ok}) serves every test. */
    public static String run(Path dir, String... command) throws IOException, InterruptedException {
        return Qemu.ok(dir, command);
    }
}

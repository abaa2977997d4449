package io.skyfed.image.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the integration tests find the repository, the CLI launcher and the shared image tools. */
final class Repo {

    private Repo() {
    }

    /** The repository root: the parent of the image-converter module Maven runs the tests in. */
    static Path root() {
        Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path root = Files.exists(module.resolve("bin/skyfed-image")) ? module : module.getParent();
        if (!Files.isExecutable(root.resolve("bin/skyfed-image"))) {
            throw new IllegalStateException("cannot find bin/skyfed-image from " + module);
        }
        return root;
    }

    /** {@code ../shared/images} beside the repository (read-only test tools and reference scripts). */
    static Path sharedImages() {
        Path shared = root().resolve("../shared/images").normalize();
        if (!Files.isRegularFile(shared.resolve("check-converter.sh"))) {
            throw new IllegalStateException("missing " + shared + "/check-converter.sh (the shared folder beside the repository)");
        }
        return shared;
    }

    static Path jar() {
        Path jar = root().resolve("image-converter/target/skyfed-image.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("missing " + jar + ": integration tests run after package");
        }
        return jar;
    }
}

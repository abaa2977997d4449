package io.skyfed.deploy.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rendering fails loudly, with kubectl's own words, rather than validating an empty or partial manifest. */
class KustomizeTest {

    @Test
    void aDirectoryWithoutKustomizationIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> Kustomize.render(dir))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no kustomization.yaml");
    }

    @Test
    void aBrokenKustomizationReportsKubectlsError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");

        assertThatThrownBy(() -> Kustomize.render(dir))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("exited with").hasMessageContaining("missing.yaml");
    }

    @Test
    void kustomizeVersionsAreReadByTheirMajorNumber() {
        assertThat(Kustomize.majorOf("v5.5.0")).isEqualTo(5);
        assertThat(Kustomize.majorOf("v2.0.3")).isEqualTo(2);
        assertThat(Kustomize.majorOf("")).isZero();
    }

    @Test
    void manifestsThatAreNotMappingsAreRefused() {
        assertThatThrownBy(() -> RenderedManifest.parse("test", "- a\n- b\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a mapping");
    }
}

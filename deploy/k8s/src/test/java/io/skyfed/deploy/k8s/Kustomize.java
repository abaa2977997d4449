package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Renders a kustomization with {@code kubectl kustomize}, the way an operator applies it with {@code kubectl apply -k}. */
final class Kustomize {

    /**
     * kubectl 1.27+ bundles kustomize v5; older ones (Debian 12 ships 1.20, with kustomize v2) reject the
     * manifests' labels and patches fields.
     */
    static final int MINIMUM_KUSTOMIZE_MAJOR = 5;

    private Kustomize() {
    }

    static String render(Path kustomizationDir) {
        if (!Files.isRegularFile(kustomizationDir.resolve("kustomization.yaml"))) {
            throw new IllegalArgumentException("no kustomization.yaml in " + kustomizationDir.toAbsolutePath());
        }
        requireKustomizeVersion();
        return run(List.of("kubectl", "kustomize", kustomizationDir.toString()));
    }

    static void requireKustomizeVersion() {
        String json = run(List.of("kubectl", "version", "--client", "-o", "json"));
        try {
            JsonNode version = new ObjectMapper().readTree(json).path("kustomizeVersion");
            int major = majorOf(version.asText(""));
            if (major < MINIMUM_KUSTOMIZE_MAJOR) {
                throw new IllegalStateException("kubectl bundles kustomize " + version.asText("(unknown)")
                        + "; these manifests need kustomize v" + MINIMUM_KUSTOMIZE_MAJOR + " or later (kubectl 1.27+)");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read `kubectl version --client -o json`: " + json, e);
        }
    }

    static int majorOf(String kustomizeVersion) {
        String digits = kustomizeVersion.startsWith("v") ? kustomizeVersion.substring(1) : kustomizeVersion;
        int dot = digits.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? digits : digits.substring(0, dot));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String run(List<String> command) {
        return Command.output(command, null, "", "(on Debian: apt-get install kubectl, or kubernetes-client for an older one)");
    }
}

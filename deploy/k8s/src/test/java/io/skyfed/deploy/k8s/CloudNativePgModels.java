package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates CloudNativePG resources with the validators that the npm package {@code @kubernetes-models/cloudnative-pg}
 * generates from CloudNativePG's own API types, through {@code crd-check/check-cnpg.mjs}, which also rejects fields
 * the schema does not declare. The npm project is pinned by its lock file and installed with {@code npm ci} the
 * first time it is needed. Without Node.js and npm the tests fail: the check is never skipped.
 */
final class CloudNativePgModels {

    static final String API_GROUP = "postgresql.cnpg.io";
    private static final Path PROJECT = Path.of("crd-check").toAbsolutePath();
    private static final String INSTALL_HINT = "(Node.js 20+ and npm are needed to validate CloudNativePG resources;"
            + " on Debian: apt-get install nodejs npm)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudNativePgModels() {
    }

    static boolean handles(String apiVersion) {
        return apiVersion.startsWith(API_GROUP + "/");
    }

    /** The problems of each resource, in the order given. */
    static List<List<String>> problems(List<ObjectNode> resources) {
        if (resources.isEmpty()) {
            return List.of();
        }
        installOnce();
        try {
            String report = Command.output(List.of("node", "check-cnpg.mjs"), PROJECT, JSON.writeValueAsString(resources),
                    INSTALL_HINT);
            List<List<String>> problems = JSON.readValue(report, new TypeReference<>() { });
            if (problems.size() != resources.size()) {
                throw new IllegalStateException("check-cnpg.mjs reported on " + problems.size() + " of "
                        + resources.size() + " resources: " + report);
            }
            return problems;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot exchange JSON with check-cnpg.mjs", e);
        }
    }

    private static synchronized void installOnce() {
        if (!Files.isRegularFile(PROJECT.resolve("node_modules/.package-lock.json"))) {
            Command.output(List.of("npm", "ci", "--no-audit", "--no-fund"), PROJECT, "", INSTALL_HINT);
        }
    }
}

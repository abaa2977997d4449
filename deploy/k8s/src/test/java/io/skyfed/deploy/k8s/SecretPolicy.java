package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Credentials never travel in the manifests: no Secret objects are rendered (they are created out of band),
 * ConfigMaps hold nothing that looks like a credential, and a container gets credentials only through secretKeyRef.
 */
final class SecretPolicy {

    /** Names that announce a credential. Matched against ConfigMap keys and container environment variables. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(password|passwd|secret|token|credential|private[-_.]?key|master[-_.]?key|api[-_.]?key).*");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?s).*(-----BEGIN [A-Z ]*PRIVATE KEY-----|[a-z][a-z0-9+.-]*://[^/\\s:@]+:[^/\\s@]+@|[?&;](password|pwd)=).*");

    private SecretPolicy() {
    }

    static List<String> violations(RenderedManifest manifest) {
        List<String> violations = new ArrayList<>();
        for (ObjectNode secret : manifest.ofKind("Secret")) {
            violations.add(RenderedManifest.describe(secret) + ": Secrets are created out of band, never rendered from the repository");
        }
        for (ObjectNode configMap : manifest.ofKind("ConfigMap")) {
            violations.addAll(configMapViolations(configMap));
        }
        for (PodTemplates.PodTemplate pod : PodTemplates.of(manifest)) {
            for (JsonNode container : pod.containers()) {
                for (JsonNode variable : container.path("env")) {
                    String name = variable.path("name").asText();
                    if (SECRET_NAME.matcher(name).matches() && !variable.path("valueFrom").has("secretKeyRef")) {
                        violations.add(pod.describe(container) + ": " + name + " must come from a Secret (valueFrom.secretKeyRef)");
                    }
                }
            }
        }
        return violations;
    }

    private static List<String> configMapViolations(ObjectNode configMap) {
        List<String> violations = new ArrayList<>();
        String owner = RenderedManifest.describe(configMap);
        for (Iterator<Map.Entry<String, JsonNode>> it = configMap.path("data").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (SECRET_NAME.matcher(entry.getKey()).matches()) {
                violations.add(owner + ": key " + entry.getKey() + " names a credential; put it in a Secret");
            }
            if (SECRET_VALUE.matcher(entry.getValue().asText()).matches()) {
                violations.add(owner + ": the value of " + entry.getKey() + " carries a credential; put it in a Secret");
            }
        }
        configMap.path("binaryData").fieldNames().forEachRemaining(key ->
                violations.add(owner + ": binaryData " + key + " cannot be inspected for credentials; put binary material in a Secret"));
        return violations;
    }
}

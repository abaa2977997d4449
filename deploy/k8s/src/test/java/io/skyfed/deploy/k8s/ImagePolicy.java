package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every image the manifests run is pinned, including the ones handed to the operators: left out, an operator
 * picks its own default, which changes under an operator upgrade.
 */
final class ImagePolicy {

    /** Operator resources and the field that names the image they run. */
    private static final Map<String, String> OPERATOR_IMAGE_FIELD = Map.of("Cluster", "imageName", "Keycloak", "image");

    private ImagePolicy() {
    }

    static List<String> violations(RenderedManifest manifest) {
        List<String> violations = new ArrayList<>();
        for (PodTemplates.PodTemplate pod : PodTemplates.of(manifest)) {
            for (JsonNode container : pod.containers()) {
                ImageReference.unpinnedReason(container.path("image").asText(null))
                        .ifPresent(reason -> violations.add(pod.describe(container) + ": " + reason));
            }
        }
        OPERATOR_IMAGE_FIELD.forEach((kind, field) -> {
            for (ObjectNode resource : manifest.ofKind(kind)) {
                ImageReference.unpinnedReason(resource.path("spec").path(field).asText(null))
                        .ifPresent(reason -> violations.add(RenderedManifest.describe(resource) + " spec." + field + ": " + reason));
            }
        });
        return violations;
    }
}

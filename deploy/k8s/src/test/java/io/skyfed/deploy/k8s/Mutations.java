package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Shortcuts into a rendered manifest copy, for tests that break one thing and expect a check to say so. */
final class Mutations {

    private Mutations() {
    }

    static ObjectNode broker(RenderedManifest manifest) {
        return manifest.get("Deployment", AvailabilityPolicy.BROKER);
    }

    static ObjectNode brokerPodSpec(RenderedManifest manifest) {
        return (ObjectNode) broker(manifest).at("/spec/template/spec");
    }

    static ObjectNode brokerContainer(RenderedManifest manifest) {
        return (ObjectNode) brokerPodSpec(manifest).path("containers").get(0);
    }

    /** The broker container's environment variable {@code name}, wherever it stands in the list. */
    static ObjectNode brokerEnv(RenderedManifest manifest, String name) {
        for (JsonNode variable : brokerContainer(manifest).path("env")) {
            if (name.equals(variable.path("name").asText())) {
                return (ObjectNode) variable;
            }
        }
        throw new java.util.NoSuchElementException("the broker container sets no " + name);
    }

    static ObjectNode object(JsonNode parent, String pointer) {
        return (ObjectNode) parent.at(pointer);
    }

    static ArrayNode array(JsonNode parent, String pointer) {
        return (ArrayNode) parent.at(pointer);
    }

    /** Adds an object to a manifest copy, as if a kustomization had rendered it. */
    static RenderedManifest with(RenderedManifest manifest, ObjectNode extra) {
        java.util.List<ObjectNode> objects = new java.util.ArrayList<>(manifest.objects());
        objects.add(extra);
        return new RenderedManifest(manifest.source(), objects);
    }
}

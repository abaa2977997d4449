package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The pod templates inside rendered workloads, wherever each kind keeps its template. */
final class PodTemplates {

    /** A pod template and the object it came from. */
    record PodTemplate(String owner, JsonNode metadata, JsonNode spec) {

        List<JsonNode> containers() {
            List<JsonNode> containers = new ArrayList<>();
            spec.path("initContainers").forEach(containers::add);
            spec.path("containers").forEach(containers::add);
            return containers;
        }

        String describe(JsonNode container) {
            return owner + " container " + container.path("name").asText("?");
        }
    }

    private static final Map<String, String> TEMPLATE_PATH = Map.of(
            "Deployment", "/spec/template",
            "StatefulSet", "/spec/template",
            "DaemonSet", "/spec/template",
            "ReplicaSet", "/spec/template",
            "Job", "/spec/template",
            "CronJob", "/spec/jobTemplate/spec/template");

    private PodTemplates() {
    }

    static List<PodTemplate> of(RenderedManifest manifest) {
        List<PodTemplate> templates = new ArrayList<>();
        for (ObjectNode object : manifest.objects()) {
            String kind = object.path("kind").asText();
            if ("Pod".equals(kind)) {
                templates.add(new PodTemplate(RenderedManifest.describe(object), object.path("metadata"), object.path("spec")));
            } else if (TEMPLATE_PATH.containsKey(kind)) {
                JsonNode template = object.at(TEMPLATE_PATH.get(kind));
                templates.add(new PodTemplate(RenderedManifest.describe(object), template.path("metadata"), template.path("spec")));
            }
        }
        return templates;
    }
}

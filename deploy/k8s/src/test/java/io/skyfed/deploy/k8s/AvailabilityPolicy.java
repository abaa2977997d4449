package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How many brokers run, and, where the overlay promises high availability, that they stay up: an autoscaler whose
 * floor is the replica count, a disruption budget, replicas spread over nodes, and replicated databases and Keycloak.
 */
final class AvailabilityPolicy {

    static final String BROKER = "skyfed-broker";
    static final int HA_DATABASE_INSTANCES = 3;
    static final int HA_KEYCLOAK_INSTANCES = 2;

    private AvailabilityPolicy() {
    }

    static List<String> replicas(RenderedManifest manifest, int expected) {
        Optional<ObjectNode> broker = manifest.find("Deployment", BROKER);
        if (broker.isEmpty()) {
            return List.of("no Deployment/" + BROKER);
        }
        int replicas = broker.get().path("spec").path("replicas").asInt(1);
        return replicas == expected
                ? List.of()
                : List.of("Deployment/" + BROKER + ": " + replicas + " replicas, expected " + expected);
    }

    static List<String> highAvailability(RenderedManifest manifest, int minimumReplicas) {
        Optional<ObjectNode> broker = manifest.find("Deployment", BROKER);
        if (broker.isEmpty()) {
            return List.of("no Deployment/" + BROKER);
        }
        JsonNode podLabels = broker.get().at("/spec/template/metadata/labels");
        List<String> violations = new ArrayList<>();
        violations.addAll(autoscaler(manifest, minimumReplicas));
        if (manifest.ofKind("PodDisruptionBudget").stream()
                .noneMatch(pdb -> Labels.selects(pdb.path("spec").path("selector"), podLabels)
                        && (pdb.path("spec").has("maxUnavailable") || pdb.path("spec").has("minAvailable")))) {
            violations.add("no PodDisruptionBudget covers the broker pods");
        }
        boolean spreadOverNodes = false;
        for (JsonNode constraint : broker.get().at("/spec/template/spec/topologySpreadConstraints")) {
            spreadOverNodes |= "kubernetes.io/hostname".equals(constraint.path("topologyKey").asText())
                    && "DoNotSchedule".equals(constraint.path("whenUnsatisfiable").asText())
                    && Labels.selects(constraint.path("labelSelector"), podLabels);
        }
        if (!spreadOverNodes) {
            violations.add("Deployment/" + BROKER + ": replicas are not required to spread over nodes (topologySpreadConstraints)");
        }
        for (ObjectNode cluster : manifest.ofKind("Cluster")) {
            if (cluster.path("spec").path("instances").asInt(1) < HA_DATABASE_INSTANCES) {
                violations.add(RenderedManifest.describe(cluster) + ": fewer than " + HA_DATABASE_INSTANCES + " instances");
            }
        }
        for (ObjectNode keycloak : manifest.ofKind("Keycloak")) {
            if (keycloak.path("spec").path("instances").asInt(1) < HA_KEYCLOAK_INSTANCES) {
                violations.add(RenderedManifest.describe(keycloak) + ": fewer than " + HA_KEYCLOAK_INSTANCES + " instances");
            }
        }
        return violations;
    }

    private static List<String> autoscaler(RenderedManifest manifest, int minimumReplicas) {
        for (ObjectNode hpa : manifest.ofKind("HorizontalPodAutoscaler")) {
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            if ("Deployment".equals(target.path("kind").asText()) && BROKER.equals(target.path("name").asText())) {
                int min = hpa.path("spec").path("minReplicas").asInt(1);
                int max = hpa.path("spec").path("maxReplicas").asInt(0);
                List<String> violations = new ArrayList<>();
                if (min < minimumReplicas) {
                    violations.add(RenderedManifest.describe(hpa) + ": minReplicas " + min + " is below " + minimumReplicas);
                }
                if (max < min) {
                    violations.add(RenderedManifest.describe(hpa) + ": maxReplicas " + max + " is below minReplicas " + min);
                }
                return violations;
            }
        }
        return List.of("no HorizontalPodAutoscaler scales Deployment/" + BROKER);
    }
}

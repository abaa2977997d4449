package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may open connections to what, read from the rendered NetworkPolicies. Policies are additive, so every policy
 * that selects a pod is examined, including one with an empty selector that selects every pod.
 */
final class NetworkPolicyRules {

    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    static final String CNPG_CLUSTER_LABEL = "cnpg.io/cluster";
    private static final Set<String> POSTGRES_PORTS = Set.of("5432", "postgresql");

    private NetworkPolicyRules() {
    }

    /** Only pods in the named namespaces (the ingress controller's, and the metrics scraper's) reach the broker. */
    static List<String> brokerAdmitsOnlyFrom(RenderedManifest manifest, Set<String> namespaces) {
        JsonNode brokerLabels = manifest.get("Deployment", AvailabilityPolicy.BROKER).at("/spec/template/metadata/labels");
        List<ObjectNode> policies = ingressPoliciesSelecting(manifest, brokerLabels);
        if (policies.isEmpty()) {
            return List.of("no NetworkPolicy restricts traffic to the broker pods");
        }
        List<String> violations = new ArrayList<>();
        for (ObjectNode policy : policies) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (rule.path("from").isEmpty()) {
                    violations.add(RenderedManifest.describe(policy) + ": a rule admits every source to the broker");
                }
                for (JsonNode peer : rule.path("from")) {
                    String namespace = peer.path("namespaceSelector").path("matchLabels").path(NAMESPACE_NAME_LABEL).asText("");
                    if (peer.has("ipBlock") || !namespaces.contains(namespace)) {
                        violations.add(RenderedManifest.describe(policy) + ": admits " + peer
                                + " to the broker; only namespaces " + namespaces + " may connect");
                    }
                }
            }
        }
        return violations;
    }

    /**
     * Only pods carrying all of {@code clientLabels}, and the database's own instances, reach the PostgreSQL
     * {@code cluster} on its port.
     */
    static List<String> databaseAdmitsOnly(RenderedManifest manifest, String cluster, Map<String, String> clientLabels) {
        ObjectNode databaseLabels = JsonNodeFactory.instance.objectNode().put(CNPG_CLUSTER_LABEL, cluster);
        List<ObjectNode> policies = ingressPoliciesSelecting(manifest, databaseLabels);
        if (policies.isEmpty()) {
            return List.of("no NetworkPolicy restricts traffic to the " + cluster + " pods");
        }
        List<String> violations = new ArrayList<>();
        for (ObjectNode policy : policies) {
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                if (!coversPostgres(rule)) {
                    continue;
                }
                if (rule.path("from").isEmpty()) {
                    violations.add(RenderedManifest.describe(policy) + ": a rule admits every source to PostgreSQL");
                }
                for (JsonNode peer : rule.path("from")) {
                    if (!isClientOrInstanceOf(peer, cluster, clientLabels)) {
                        violations.add(RenderedManifest.describe(policy) + ": admits " + peer + " to PostgreSQL");
                    }
                }
            }
        }
        return violations;
    }

    private static boolean isClientOrInstanceOf(JsonNode peer, String cluster, Map<String, String> clientLabels) {
        if (peer.has("ipBlock") || peer.has("namespaceSelector") || !peer.path("podSelector").path("matchExpressions").isEmpty()) {
            return false;
        }
        JsonNode labels = peer.path("podSelector").path("matchLabels");
        boolean selectsOnlyClients = clientLabels.entrySet().stream()
                .allMatch(label -> label.getValue().equals(labels.path(label.getKey()).asText(null)));
        return selectsOnlyClients || cluster.equals(labels.path(CNPG_CLUSTER_LABEL).asText());
    }

    private static boolean coversPostgres(JsonNode rule) {
        if (rule.path("ports").isEmpty()) {
            return true;
        }
        for (JsonNode port : rule.path("ports")) {
            if (!port.has("port") || POSTGRES_PORTS.contains(port.path("port").asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<ObjectNode> ingressPoliciesSelecting(RenderedManifest manifest, JsonNode podLabels) {
        return manifest.ofKind("NetworkPolicy").stream()
                .filter(policy -> Labels.selects(policy.path("spec").path("podSelector"), podLabels))
                .filter(NetworkPolicyRules::governsIngress)
                .toList();
    }

    private static boolean governsIngress(JsonNode policy) {
        JsonNode types = policy.path("spec").path("policyTypes");
        if (types.isEmpty()) {
            return true;
        }
        for (JsonNode type : types) {
            if ("Ingress".equals(type.asText())) {
                return true;
            }
        }
        return false;
    }
}

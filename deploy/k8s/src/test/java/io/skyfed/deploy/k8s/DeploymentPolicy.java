package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every rule the rendered manifests of one overlay must obey, and what each overlay promises. */
final class DeploymentPolicy {

    /** What an overlay promises: how many brokers, and whether it is built to survive the loss of a node. */
    record Promise(int brokerReplicas, boolean highlyAvailable) {
        static final Promise DEV = new Promise(1, false);
        static final Promise PROD = new Promise(3, true);
    }

    static final Set<String> BROKER_CLIENT_NAMESPACES = Set.of("ingress-nginx", "monitoring");
    static final String BROKER_DATABASE = "skyfed-db";
    static final Map<String, String> BROKER_POD = Map.of("app.kubernetes.io/name", AvailabilityPolicy.BROKER);
    static final String KEYCLOAK_DATABASE = "skyfed-keycloak-db";
    /** Keycloak's server pods and its realm-import job pods share these labels. */
    static final Map<String, String> KEYCLOAK_POD = Map.of(
            "app.kubernetes.io/managed-by", "keycloak-operator", "app.kubernetes.io/instance", "skyfed-keycloak");
    private static final String BROKER_HEALTH = "/q/health/";

    private DeploymentPolicy() {
    }

    static List<String> violations(RenderedManifest manifest, Promise promise) {
        List<String> violations = new ArrayList<>();
        violations.addAll(AvailabilityPolicy.replicas(manifest, promise.brokerReplicas()));
        violations.addAll(ContainerPolicy.probes(manifest));
        violations.addAll(brokerProbesUseQuarkusHealth(manifest));
        violations.addAll(ContainerPolicy.resources(manifest));
        violations.addAll(operatorWorkloadResources(manifest));
        violations.addAll(ContainerPolicy.securityContext(manifest));
        violations.addAll(SecretPolicy.violations(manifest));
        violations.addAll(ImagePolicy.violations(manifest));
        violations.addAll(brokerMetricsScraped(manifest));
        violations.addAll(BrokerRuntimePolicy.violations(manifest));
        if (promise.highlyAvailable()) {
            violations.addAll(AvailabilityPolicy.highAvailability(manifest, promise.brokerReplicas()));
            violations.addAll(NetworkPolicyRules.brokerAdmitsOnlyFrom(manifest, BROKER_CLIENT_NAMESPACES));
            violations.addAll(NetworkPolicyRules.databaseAdmitsOnly(manifest, BROKER_DATABASE, BROKER_POD));
            violations.addAll(NetworkPolicyRules.databaseAdmitsOnly(manifest, KEYCLOAK_DATABASE, KEYCLOAK_POD));
        }
        return violations;
    }

    /** The broker's probes ask Quarkus SmallRye Health: started, live and ready. */
    static List<String> brokerProbesUseQuarkusHealth(RenderedManifest manifest) {
        List<String> violations = new ArrayList<>();
        Optional<ObjectNode> broker = manifest.find("Deployment", AvailabilityPolicy.BROKER);
        if (broker.isEmpty()) {
            return List.of("no Deployment/" + AvailabilityPolicy.BROKER);
        }
        for (JsonNode container : broker.get().at("/spec/template/spec/containers")) {
            checkProbePath(container, "startupProbe", "started", violations);
            checkProbePath(container, "livenessProbe", "live", violations);
            checkProbePath(container, "readinessProbe", "ready", violations);
        }
        return violations;
    }

    private static void checkProbePath(JsonNode container, String probe, String check, List<String> violations) {
        String path = container.path(probe).path("httpGet").path("path").asText("");
        if (!path.equals(BROKER_HEALTH + check)) {
            violations.add("Deployment/" + AvailabilityPolicy.BROKER + " container " + container.path("name").asText()
                    + ": " + probe + " should GET " + BROKER_HEALTH + check + ", not '" + path + "'");
        }
    }

    /** The pods the operators run get requests and limits too, through the operators' resource fields. */
    static List<String> operatorWorkloadResources(RenderedManifest manifest) {
        List<String> violations = new ArrayList<>();
        for (String kind : List.of("Cluster", "Keycloak")) {
            for (ObjectNode resource : manifest.ofKind(kind)) {
                violations.addAll(ContainerPolicy.requestsAndLimits(RenderedManifest.describe(resource),
                        resource.path("spec").path("resources")));
            }
        }
        return violations;
    }

    /** Prometheus finds the broker's /q/metrics through the scrape annotations on its pods. */
    static List<String> brokerMetricsScraped(RenderedManifest manifest) {
        Optional<ObjectNode> broker = manifest.find("Deployment", AvailabilityPolicy.BROKER);
        if (broker.isEmpty()) {
            return List.of("no Deployment/" + AvailabilityPolicy.BROKER);
        }
        JsonNode annotations = broker.get().at("/spec/template/metadata/annotations");
        String port = annotations.path("prometheus.io/port").asText("");
        boolean portDeclared = false;
        for (JsonNode container : broker.get().at("/spec/template/spec/containers")) {
            for (JsonNode declared : container.path("ports")) {
                portDeclared |= port.equals(declared.path("containerPort").asText());
            }
        }
        List<String> violations = new ArrayList<>();
        if (!"true".equals(annotations.path("prometheus.io/scrape").asText())) {
            violations.add("Deployment/" + AvailabilityPolicy.BROKER + ": pods are not marked prometheus.io/scrape: \"true\"");
        }
        if (!"/q/metrics".equals(annotations.path("prometheus.io/path").asText())) {
            violations.add("Deployment/" + AvailabilityPolicy.BROKER + ": prometheus.io/path is not /q/metrics");
        }
        if (!portDeclared) {
            violations.add("Deployment/" + AvailabilityPolicy.BROKER + ": prometheus.io/port '" + port + "' is not a container port");
        }
        return violations;
    }
}

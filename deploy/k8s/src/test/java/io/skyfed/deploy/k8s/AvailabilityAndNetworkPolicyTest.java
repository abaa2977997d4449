package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Replica counts, prod's availability promises and its network policies; each rule catches a manifest that breaks it. */
class AvailabilityAndNetworkPolicyTest {

    @Test
    void theWrongReplicaCountIsCaughtInEitherOverlay() {
        RenderedManifest prod = Overlays.prod();
        Mutations.object(Mutations.broker(prod), "/spec").put("replicas", 2);
        RenderedManifest dev = Overlays.dev();
        Mutations.object(Mutations.broker(dev), "/spec").put("replicas", 3);

        assertThat(DeploymentPolicy.violations(prod, DeploymentPolicy.Promise.PROD))
                .containsExactly("Deployment/skyfed-broker: 2 replicas, expected 3");
        assertThat(DeploymentPolicy.violations(dev, DeploymentPolicy.Promise.DEV))
                .containsExactly("Deployment/skyfed-broker: 3 replicas, expected 1");
    }

    @Test
    void devDoesNotKeepProdsAvailabilityPromise() {
        assertThat(AvailabilityPolicy.highAvailability(Overlays.dev(), 3)).contains(
                "no HorizontalPodAutoscaler scales Deployment/skyfed-broker",
                "no PodDisruptionBudget covers the broker pods");
    }

    @Test
    void anAutoscalerThatCanDropBelowThreeIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(manifest.get("HorizontalPodAutoscaler", "skyfed-broker"), "/spec").put("minReplicas", 2);

        assertThat(AvailabilityPolicy.highAvailability(manifest, 3))
                .containsExactly("HorizontalPodAutoscaler/skyfed-broker: minReplicas 2 is below 3");
    }

    @Test
    void aDisruptionBudgetForOtherPodsIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(manifest.get("PodDisruptionBudget", "skyfed-broker"), "/spec/selector/matchLabels")
                .put("app.kubernetes.io/name", "skyfed-keycloak");

        assertThat(AvailabilityPolicy.highAvailability(manifest, 3)).containsExactly("no PodDisruptionBudget covers the broker pods");
    }

    @Test
    void replicasFreeToShareANodeAreCaught() {
        RenderedManifest manifest = Overlays.prod();
        ArrayNode constraints = Mutations.array(Mutations.brokerPodSpec(manifest), "/topologySpreadConstraints");
        ((ObjectNode) constraints.get(0)).put("whenUnsatisfiable", "ScheduleAnyway");

        assertThat(AvailabilityPolicy.highAvailability(manifest, 3)).singleElement().asString()
                .contains("not required to spread over nodes");
    }

    @Test
    void aSingleInstanceDatabaseInProdIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(manifest.get("Cluster", "skyfed-db"), "/spec").put("instances", 1);

        assertThat(AvailabilityPolicy.highAvailability(manifest, 3)).containsExactly("Cluster/skyfed-db: fewer than 3 instances");
    }

    @Test
    void brokerPodsWithoutANetworkPolicyAreCaught() {
        RenderedManifest prod = Overlays.prod();
        RenderedManifest withoutBrokerPolicy = new RenderedManifest(prod.source(), prod.objects().stream()
                .filter(o -> !RenderedManifest.describe(o).equals("NetworkPolicy/skyfed-broker-ingress")).toList());

        assertThat(NetworkPolicyRules.brokerAdmitsOnlyFrom(withoutBrokerPolicy, DeploymentPolicy.BROKER_CLIENT_NAMESPACES))
                .containsExactly("no NetworkPolicy restricts traffic to the broker pods");
    }

    @Test
    void aBrokerRuleThatAdmitsEverySourceIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        ((ObjectNode) Mutations.array(manifest.get("NetworkPolicy", "skyfed-broker-ingress"), "/spec/ingress").get(0)).remove("from");

        assertThat(NetworkPolicyRules.brokerAdmitsOnlyFrom(manifest, DeploymentPolicy.BROKER_CLIENT_NAMESPACES))
                .containsExactly("NetworkPolicy/skyfed-broker-ingress: a rule admits every source to the broker");
    }

    @Test
    void aBrokerRuleForPodsOutsideTheIngressControllerIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        ObjectNode peer = Mutations.object(manifest.get("NetworkPolicy", "skyfed-broker-ingress"), "/spec/ingress/0/from/0");
        peer.remove("namespaceSelector");

        assertThat(NetworkPolicyRules.brokerAdmitsOnlyFrom(manifest, DeploymentPolicy.BROKER_CLIENT_NAMESPACES))
                .singleElement().asString().contains("only namespaces");
    }

    @Test
    void aSecondPolicyThatOpensEveryPodIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        ObjectNode allowAll = manifest.get("NetworkPolicy", "skyfed-db-ingress").deepCopy();
        allowAll.with("metadata").put("name", "allow-all");
        ObjectNode spec = allowAll.putObject("spec");
        spec.putObject("podSelector");
        spec.putArray("ingress").addObject();

        RenderedManifest opened = Mutations.with(manifest, allowAll);
        assertThat(NetworkPolicyRules.brokerAdmitsOnlyFrom(opened, DeploymentPolicy.BROKER_CLIENT_NAMESPACES))
                .containsExactly("NetworkPolicy/allow-all: a rule admits every source to the broker");
        assertThat(NetworkPolicyRules.databaseAdmitsOnly(opened, DeploymentPolicy.BROKER_DATABASE, DeploymentPolicy.BROKER_POD))
                .containsExactly("NetworkPolicy/allow-all: a rule admits every source to PostgreSQL");
    }

    @Test
    void aDatabaseRuleForEveryPodInTheNamespaceIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        ObjectNode brokerPeer = Mutations.object(manifest.get("NetworkPolicy", "skyfed-db-ingress"), "/spec/ingress/0/from/0");
        brokerPeer.putObject("podSelector");

        assertThat(NetworkPolicyRules.databaseAdmitsOnly(manifest, DeploymentPolicy.BROKER_DATABASE, DeploymentPolicy.BROKER_POD))
                .singleElement().asString().contains("admits {\"podSelector\":{}} to PostgreSQL");
    }

    @Test
    void aDatabaseRuleForAnotherNamespaceIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        ObjectNode operatorRule = Mutations.object(manifest.get("NetworkPolicy", "skyfed-db-ingress"), "/spec/ingress/2");
        ((ObjectNode) operatorRule.path("ports").get(0)).put("port", 5432);

        assertThat(NetworkPolicyRules.databaseAdmitsOnly(manifest, DeploymentPolicy.BROKER_DATABASE, DeploymentPolicy.BROKER_POD))
                .singleElement().asString().contains("cnpg-system").contains("to PostgreSQL");
    }

    @Test
    void theBrokerLetIntoKeycloaksDatabaseIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(manifest.get("NetworkPolicy", "skyfed-keycloak-db-ingress"), "/spec/ingress/0/from/0/podSelector")
                .putObject("matchLabels").put("app.kubernetes.io/name", "skyfed-broker");

        assertThat(NetworkPolicyRules.databaseAdmitsOnly(manifest, DeploymentPolicy.KEYCLOAK_DATABASE, DeploymentPolicy.KEYCLOAK_POD))
                .singleElement().asString().contains("skyfed-broker").contains("to PostgreSQL");
    }

    @Test
    void aMissingMetricsAnnotationIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(Mutations.broker(manifest), "/spec/template/metadata/annotations")
                .put("prometheus.io/port", "9000").remove("prometheus.io/scrape");

        assertThat(DeploymentPolicy.brokerMetricsScraped(manifest)).containsExactly(
                "Deployment/skyfed-broker: pods are not marked prometheus.io/scrape: \"true\"",
                "Deployment/skyfed-broker: prometheus.io/port '9000' is not a container port");
    }
}

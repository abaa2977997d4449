package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Both overlays render with kubectl, every object is valid for its type, and the deployment policy holds. */
class RenderedOverlaysTest {

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyRenderedObjectIsValidForItsType(String overlay) {
        RenderedManifest manifest = Overlays.render(overlay);

        assertThat(manifest.objects()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(ManifestValidator.problems(manifest)).isEmpty();
    }

    @Test
    void devMeetsTheDeploymentPolicyWithOneBroker() {
        assertThat(DeploymentPolicy.violations(Overlays.dev(), DeploymentPolicy.Promise.DEV)).isEmpty();
    }

    @Test
    void prodMeetsTheDeploymentPolicyWithThreeBrokersAndHighAvailability() {
        assertThat(DeploymentPolicy.violations(Overlays.prod(), DeploymentPolicy.Promise.PROD)).isEmpty();
    }

    @Test
    void devRendersTheApplicationAndItsOperatorResources() {
        assertThat(kinds(Overlays.dev())).containsExactlyInAnyOrder("Cluster", "ConfigMap", "Deployment", "Ingress",
                "Keycloak", "KeycloakRealmImport", "Namespace", "Service", "ServiceAccount");
    }

    @Test
    void prodAddsAutoscalingDisruptionBudgetAndNetworkPolicies() {
        assertThat(kinds(Overlays.prod())).containsExactlyInAnyOrder("Cluster", "ConfigMap", "Deployment",
                "HorizontalPodAutoscaler", "Ingress", "Keycloak", "KeycloakRealmImport", "Namespace", "NetworkPolicy",
                "PodDisruptionBudget", "Service", "ServiceAccount");
        assertThat(Overlays.prod().ofKind("NetworkPolicy")).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev:skyfed-dev", "prod:skyfed"})
    void everyObjectLandsInTheOverlaysNamespace(String overlayAndNamespace) {
        String[] parts = overlayAndNamespace.split(":");
        RenderedManifest manifest = Overlays.render(parts[0]);

        for (ObjectNode object : manifest.objects()) {
            if (CLUSTER_SCOPED.contains(object.path("kind").asText())) {
                assertThat(RenderedManifest.nameOf(object)).isEqualTo(parts[1]);
            } else {
                assertThat(object.path("metadata").path("namespace").asText())
                        .as(RenderedManifest.describe(object)).isEqualTo(parts[1]);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theBrokerReadsTheGeneratedConfigMap(String overlay) {
        RenderedManifest manifest = Overlays.render(overlay);
        JsonNode envFrom = manifest.get("Deployment", "skyfed-broker").at("/spec/template/spec/containers/0/envFrom/0/configMapRef/name");

        assertThat(envFrom.asText()).startsWith("skyfed-broker-config-");
        assertThat(manifest.find("ConfigMap", envFrom.asText())).isPresent();
    }

    @Test
    void theRealmImportCarriesExactlyTheSharedRealmFile() throws IOException {
        JsonNode realmFile = new ObjectMapper().readTree(Overlays.REALM_FILE.toFile());

        for (RenderedManifest manifest : List.of(Overlays.dev(), Overlays.prod())) {
            JsonNode imported = manifest.get("KeycloakRealmImport", "skyfed-realm").path("spec").path("realm");
            assertThat(imported)
                    .as("%s: base/keycloak/realm-import.yaml is stale; run deploy/k8s/sync-realm-import.sh", manifest.source())
                    .isEqualTo(realmFile);
        }
    }

    @Test
    void theRealmFileIsAValidRealmWithWhatTheBrokerNeeds() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(Overlays.REALM_FILE.toFile());

        assertThat(KeycloakRealm.problems(realm)).isEmpty();
        assertThat(KeycloakRealm.requirementViolations(realm)).isEmpty();
    }

    private static Set<String> kinds(RenderedManifest manifest) {
        Set<String> kinds = new TreeSet<>();
        manifest.objects().forEach(object -> kinds.add(object.path("kind").asText()));
        return kinds;
    }
}

package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The validator rejects what the API server or the operators would reject, and says where. */
class StrictValidationTest {

    @Test
    void aMisspeltFieldInABuiltInKindIsRejectedWithItsPath() {
        RenderedManifest manifest = Overlays.dev();
        ObjectNode context = Mutations.object(Mutations.brokerContainer(manifest), "/securityContext");
        context.set("runAsNonroot", context.remove("runAsNonRoot"));

        assertThat(ManifestValidator.problems(manifest)).singleElement().asString()
                .contains("Deployment/skyfed-broker")
                .contains("spec.template.spec.containers[0].securityContext.runAsNonroot");
    }

    @Test
    void aQuotedNumberWhereTheApiWantsAnIntegerIsRejected() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(Mutations.broker(manifest), "/spec").put("replicas", "3");

        assertThat(ManifestValidator.problems(manifest)).singleElement().asString().contains("spec.replicas");
    }

    @Test
    void aNumberWhereTheApiWantsAStringIsRejected() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(Mutations.broker(manifest), "/spec/template/metadata/annotations").put("prometheus.io/port", 3001);

        assertThat(ManifestValidator.problems(manifest)).singleElement().asString()
                .contains("spec.template.metadata.annotations.prometheus.io/port");
    }

    @Test
    void aKindWithoutAModelOrSchemaIsRejected() {
        ObjectNode serviceMonitor = JsonNodeFactory.instance.objectNode()
                .put("apiVersion", "monitoring.coreos.com/v1").put("kind", "ServiceMonitor");
        serviceMonitor.putObject("metadata").put("name", "skyfed-broker");

        assertThat(ManifestValidator.problems(serviceMonitor)).singleElement().asString()
                .contains("no schema for monitoring.coreos.com/v1 ServiceMonitor");
    }

    @Test
    void anObjectWithoutKindIsRejected() {
        ObjectNode object = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1");

        assertThat(ManifestValidator.problems(object)).containsExactly("no apiVersion or kind");
    }

    @Test
    void aMisspeltFieldInAPostgresClusterIsRejected() {
        RenderedManifest manifest = Overlays.prod();
        ObjectNode storage = Mutations.object(manifest.get("Cluster", "skyfed-db"), "/spec/storage");
        storage.set("sise", storage.remove("size"));

        assertThat(ManifestValidator.problems(manifest)).singleElement().asString()
                .contains("Cluster/skyfed-db").contains("spec.storage.sise: unknown field");
    }

    @Test
    void aMisspeltFieldInsideAKubernetesTypeOfAPostgresClusterIsRejected() {
        RenderedManifest manifest = Overlays.prod();
        ObjectNode resources = Mutations.object(manifest.get("Cluster", "skyfed-db"), "/spec/resources");
        resources.set("limit", resources.remove("limits"));

        assertThat(ManifestValidator.problems(manifest)).singleElement().asString()
                .contains("spec.resources.limit: unknown field");
    }

    @Test
    void aPostgresClusterWithoutInstancesOrWithAnUnknownUpdateStrategyIsRejected() {
        RenderedManifest manifest = Overlays.dev();
        ObjectNode spec = Mutations.object(manifest.get("Cluster", "skyfed-db"), "/spec");
        spec.remove("instances");
        spec.put("primaryUpdateStrategy", "whenever");

        assertThat(ManifestValidator.problems(manifest))
                .anySatisfy(problem -> assertThat(problem).contains("spec: must have required property instances"))
                .anySatisfy(problem -> assertThat(problem).contains("spec.primaryUpdateStrategy"));
    }

    @Test
    void aQuotedInstanceCountInAPostgresClusterIsRejected() {
        RenderedManifest manifest = Overlays.dev();
        Mutations.object(manifest.get("Cluster", "skyfed-keycloak-db"), "/spec").put("instances", "1");

        assertThat(ManifestValidator.problems(manifest)).singleElement().asString()
                .contains("Cluster/skyfed-keycloak-db").contains("spec.instances: must be integer");
    }

    @Test
    void aPostgresParameterMustBeAString() {
        RenderedManifest manifest = Overlays.dev();
        Mutations.object(manifest.get("Cluster", "skyfed-db"), "/spec/postgresql/parameters").put("max_connections", 200);

        assertThat(ManifestValidator.problems(manifest)).singleElement().asString()
                .contains("spec.postgresql.parameters.max_connections: must be string");
    }

    @Test
    void aPostgresClusterValidatedAloneIsCheckedTheSameWay() {
        ObjectNode cluster = Overlays.dev().get("Cluster", "skyfed-db");
        Mutations.object(cluster, "/spec").put("instancse", 1);

        assertThat(ManifestValidator.problems(cluster)).containsExactly("spec.instancse: unknown field");
    }

    @Test
    void aCloudNativePgKindTheCheckDoesNotModelIsRejected() {
        ObjectNode pooler = JsonNodeFactory.instance.objectNode().put("apiVersion", "postgresql.cnpg.io/v1").put("kind", "Pooler");
        pooler.putObject("metadata").put("name", "skyfed-db-pooler");

        assertThat(ManifestValidator.problems(pooler)).containsExactly("no CloudNativePG model for postgresql.cnpg.io/v1 Pooler");
    }

    @Test
    void aMisspeltKeycloakDatabaseFieldAndAnUnknownProxyModeAreRejected() {
        RenderedManifest manifest = Overlays.prod();
        ObjectNode spec = Mutations.object(manifest.get("Keycloak", "skyfed-keycloak"), "/spec");
        ObjectNode db = (ObjectNode) spec.path("db");
        db.set("passwrodSecret", db.remove("passwordSecret"));
        ((ObjectNode) spec.path("proxy")).put("headers", "everything");

        assertThat(ManifestValidator.problems(manifest))
                .anySatisfy(problem -> assertThat(problem).contains("Keycloak/skyfed-keycloak").contains("passwrodSecret"))
                .anySatisfy(problem -> assertThat(problem).contains("/spec/proxy/headers"));
    }

    @Test
    void aRealmImportNeedsItsKeycloakAndCompletePlaceholders() {
        RenderedManifest manifest = Overlays.prod();
        ObjectNode spec = Mutations.object(manifest.get("KeycloakRealmImport", "skyfed-realm"), "/spec");
        spec.remove("keycloakCRName");
        ((ObjectNode) spec.at("/placeholders/SKYFED_BROKER_CLIENT_SECRET/secret")).remove("key");

        assertThat(ManifestValidator.problems(manifest))
                .anySatisfy(problem -> assertThat(problem).contains("keycloakCRName"))
                .anySatisfy(problem -> assertThat(problem).contains("SKYFED_BROKER_CLIENT_SECRET").contains("key"));
    }

    @Test
    void aMisspeltMetadataFieldOnAnOperatorResourceIsRejected() {
        RenderedManifest manifest = Overlays.dev();
        ObjectNode metadata = Mutations.object(manifest.get("Keycloak", "skyfed-keycloak"), "/metadata");
        metadata.set("lables", metadata.remove("labels"));

        assertThat(ManifestValidator.problems(manifest)).singleElement().asString().contains("metadata.lables");
    }

    @Test
    void aFieldKeycloakDoesNotKnowInsideTheRealmIsRejected() {
        RenderedManifest manifest = Overlays.dev();
        ObjectNode realm = Mutations.object(manifest.get("KeycloakRealmImport", "skyfed-realm"), "/spec/realm");
        realm.put("bruteForceProtection", true);

        assertThat(ManifestValidator.problems(manifest)).singleElement().asString()
                .contains("spec.realm.").contains("bruteForceProtection");
    }

    @Test
    void aClientFieldKeycloakDoesNotKnowIsRejected() {
        RenderedManifest manifest = Overlays.dev();
        ObjectNode realm = Mutations.object(manifest.get("KeycloakRealmImport", "skyfed-realm"), "/spec/realm");
        ((ObjectNode) realm.path("clients").get(0)).put("redirectUri", "/*");

        assertThat(ManifestValidator.problems(manifest)).singleElement().asString().contains("clients[0].redirectUri");
    }

    @Test
    void aUserProfileKeycloakCannotReadIsRejected() {
        RenderedManifest manifest = Overlays.dev();
        ObjectNode component = Mutations.object(manifest.get("KeycloakRealmImport", "skyfed-realm"),
                "/spec/realm/components/org.keycloak.userprofile.UserProfileProvider/0/config");
        component.putArray("kc.user.profile.config").add("{\"attributes\":[{\"name\":\"tenant\",\"multiValued\":false}]}");

        assertThat(ManifestValidator.problems(manifest)).singleElement().asString()
                .contains("user profile").contains("multiValued");
    }
}

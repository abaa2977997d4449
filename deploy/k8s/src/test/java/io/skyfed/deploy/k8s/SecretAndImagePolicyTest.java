package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials stay out of the manifests and every image is pinned; each rule catches a manifest that breaks it. */
class SecretAndImagePolicyTest {

    @Test
    void aCredentialNamedInAConfigMapIsCaught() {
        RenderedManifest manifest = Overlays.dev();
        configMap(manifest).with("data").put("QUARKUS_DATASOURCE_PASSWORD", "hunter2hunter2");

        assertThat(SecretPolicy.violations(manifest)).singleElement().asString()
                .contains("key QUARKUS_DATASOURCE_PASSWORD names a credential");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "postgresql://skyfed:s3cret@skyfed-db-rw:5432/skyfed",
            "jdbc:postgresql://skyfed-db-rw:5432/skyfed?user=skyfed&password=s3cret",
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n-----END RSA PRIVATE KEY-----"})
    void aCredentialInsideAConfigMapValueIsCaught(String value) {
        RenderedManifest manifest = Overlays.prod();
        configMap(manifest).with("data").put("QUARKUS_DATASOURCE_JDBC_URL", value);

        assertThat(SecretPolicy.violations(manifest)).singleElement().asString()
                .contains("the value of QUARKUS_DATASOURCE_JDBC_URL carries a credential");
    }

    @Test
    void binaryConfigMapDataIsCaught() {
        RenderedManifest manifest = Overlays.dev();
        configMap(manifest).putObject("binaryData").put("keystore.p12", "MIIKcAIBAzCCCi4=");

        assertThat(SecretPolicy.violations(manifest)).singleElement().asString().contains("binaryData keystore.p12");
    }

    @Test
    void aCredentialInlinedIntoTheContainerEnvironmentIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        ObjectNode masterKey = Mutations.brokerEnv(manifest, "SKYFED_SECRETS_MASTER_KEY");
        masterKey.remove("valueFrom");
        masterKey.put("value", "q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=");

        assertThat(SecretPolicy.violations(manifest)).containsExactly(
                "Deployment/skyfed-broker container broker: SKYFED_SECRETS_MASTER_KEY must come from a Secret (valueFrom.secretKeyRef)");
    }

    @Test
    void aRenderedSecretIsCaught() {
        ObjectNode secret = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "Secret");
        secret.putObject("metadata").put("name", "skyfed-master-key");
        secret.putObject("stringData").put("master-key", "not-so-secret");

        assertThat(SecretPolicy.violations(Mutations.with(Overlays.dev(), secret))).singleElement().asString()
                .contains("Secret/skyfed-master-key: Secrets are created out of band");
    }

    @ParameterizedTest
    @ValueSource(strings = {"registry.example.com/skyfed/broker", "registry.example.com/skyfed/broker:latest",
            "localhost:5000/skyfed/broker", "skyfed/broker@sha256:abc"})
    void anUnpinnedBrokerImageIsCaught(String image) {
        RenderedManifest manifest = Overlays.prod();
        Mutations.brokerContainer(manifest).put("image", image);

        assertThat(ImagePolicy.violations(manifest)).singleElement().asString()
                .startsWith("Deployment/skyfed-broker container broker: '" + image + "'");
    }

    @Test
    void anOperatorLeftToPickItsOwnImageIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(manifest.get("Keycloak", "skyfed-keycloak"), "/spec").remove("image");
        Mutations.object(manifest.get("Cluster", "skyfed-db"), "/spec").put("imageName", "ghcr.io/cloudnative-pg/postgresql:latest");

        assertThat(ImagePolicy.violations(manifest)).containsExactlyInAnyOrder(
                "Keycloak/skyfed-keycloak spec.image: no image",
                "Cluster/skyfed-db spec.imageName: 'ghcr.io/cloudnative-pg/postgresql:latest' uses the moving tag 'latest'");
    }

    @Test
    void aDigestOrAFixedTagIsAPin() {
        assertThat(ImageReference.unpinnedReason("registry.example.com:5000/skyfed/broker@sha256:"
                + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")).isEmpty();
        assertThat(ImageReference.unpinnedReason("registry.example.com:5000/skyfed/broker:0.1.0")).isEmpty();
        assertThat(ImageReference.unpinnedReason("skyfed/broker:0.1.0 ")).isPresent();
    }

    private static ObjectNode configMap(RenderedManifest manifest) {
        return manifest.ofKind("ConfigMap").get(0);
    }
}

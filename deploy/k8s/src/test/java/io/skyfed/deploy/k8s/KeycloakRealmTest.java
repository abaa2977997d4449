package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The realm's requirements catch a realm that would leave the broker without roles, tenants or a safe secret. */
class KeycloakRealmTest {

    @Test
    void aMissingRoleIsCaught() throws IOException {
        ObjectNode realm = realm();
        ArrayNode roles = (ArrayNode) realm.at("/roles/realm");
        for (int i = roles.size() - 1; i >= 0; i--) {
            if ("auditor".equals(roles.get(i).path("name").asText())) {
                roles.remove(i);
            }
        }

        assertThat(KeycloakRealm.requirementViolations(realm)).containsExactly("realm role 'auditor' is missing");
    }

    @Test
    void anUndeclaredTenantAttributeIsCaught() throws IOException {
        ObjectNode realm = realm();
        ObjectNode config = (ObjectNode) realm.at("/components/org.keycloak.userprofile.UserProfileProvider/0/config");
        ObjectNode profile = (ObjectNode) new ObjectMapper().readTree(config.path("kc.user.profile.config").get(0).asText());
        ArrayNode attributes = (ArrayNode) profile.path("attributes");
        attributes.remove(attributes.size() - 1);
        config.putArray("kc.user.profile.config").add(profile.toString());

        assertThat(KeycloakRealm.requirementViolations(realm)).singleElement().asString()
                .contains("does not declare the 'tenant' attribute");
    }

    @Test
    void aClientThatKeepsTheTenantOutOfAccessTokensIsCaught() throws IOException {
        ObjectNode realm = realm();
        ObjectNode mapperConfig = (ObjectNode) realm.at("/clients/1/protocolMappers/0/config");
        mapperConfig.put("access.token.claim", "false");

        assertThat(KeycloakRealm.requirementViolations(realm))
                .containsExactly("client 'skyfed-cli' does not map the 'tenant' attribute into access tokens");
    }

    @Test
    void aCommittedClientSecretIsCaught() throws IOException {
        ObjectNode realm = realm();
        ((ObjectNode) realm.at("/clients/0")).put("secret", "changeme");

        assertThat(KeycloakRealm.requirementViolations(realm)).singleElement().asString()
                .contains("client 'skyfed-broker' has a literal secret");
    }

    @Test
    void theRealmFileUsesOnlyPlaceholdersTheOperatorOrADefaultCanFill() throws IOException {
        JsonNode importResource = Overlays.prod().get("KeycloakRealmImport", "skyfed-realm").path("spec").path("placeholders");
        String realmText = realm().toString();

        assertThat(realmText).contains("${SKYFED_BROKER_CLIENT_SECRET}", "${SKYFED_BROKER_ROOT_URL:");
        assertThat(importResource.has("SKYFED_BROKER_CLIENT_SECRET")).isTrue();
        assertThat(importResource.has("SKYFED_BROKER_ROOT_URL")).isTrue();
    }

    private static ObjectNode realm() throws IOException {
        return (ObjectNode) new ObjectMapper().readTree(Overlays.REALM_FILE.toFile());
    }
}

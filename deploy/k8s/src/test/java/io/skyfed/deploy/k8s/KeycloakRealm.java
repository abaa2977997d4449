package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

/**
 * The Skyfed realm: checked for shape against Keycloak's own representation classes (the types the operator's
 * KeycloakRealmImport CRD and {@code kc.sh --import-realm} read), and for what the broker relies on.
 */
final class KeycloakRealm {

    static final Set<String> ROLES = Set.of("admin", "operator", "tenant", "auditor");
    static final String TENANT_ATTRIBUTE = "tenant";
    private static final String USER_PROFILE_PROVIDER = "org.keycloak.userprofile.UserProfileProvider";
    private static final String USER_PROFILE_CONFIG = "kc.user.profile.config";
    private static final String ATTRIBUTE_MAPPER = "oidc-usermodel-attribute-mapper";

    private KeycloakRealm() {
    }

    /** Shape: every field one Keycloak's RealmRepresentation declares, and a user profile Keycloak can read. */
    static List<String> problems(JsonNode realm) {
        List<String> problems = new ArrayList<>();
        StrictKubernetesModel.problem(realm, RealmRepresentation.class).ifPresent(problems::add);
        for (JsonNode userProfile : userProfileConfigs(realm)) {
            try {
                JsonNode config = new ObjectMapper().readTree(userProfile.asText());
                StrictKubernetesModel.problem(config, UPConfig.class)
                        .ifPresent(problem -> problems.add("user profile " + problem));
            } catch (JsonProcessingException e) {
                problems.add("user profile is not JSON: " + e.getOriginalMessage());
            }
        }
        return problems;
    }

    /** What the broker needs from the realm: its roles, a tenant attribute in tokens, and no committed secrets. */
    static List<String> requirementViolations(JsonNode realm) {
        List<String> violations = new ArrayList<>();
        Set<String> roles = new TreeSet<>();
        realm.path("roles").path("realm").forEach(role -> roles.add(role.path("name").asText()));
        for (String role : new TreeSet<>(ROLES)) {
            if (!roles.contains(role)) {
                violations.add("realm role '" + role + "' is missing");
            }
        }
        if (!declaresTenantAttribute(realm)) {
            violations.add("the user profile does not declare the '" + TENANT_ATTRIBUTE + "' attribute"
                    + " (Keycloak 24+ drops undeclared attributes)");
        }
        for (JsonNode client : realm.path("clients")) {
            String clientId = client.path("clientId").asText();
            if (!mapsTenantIntoAccessTokens(client)) {
                violations.add("client '" + clientId + "' does not map the '" + TENANT_ATTRIBUTE
                        + "' attribute into access tokens");
            }
            JsonNode secret = client.path("secret");
            if (secret.isTextual() && !secret.asText().matches("\\$\\{[A-Z0-9_]+}")) {
                violations.add("client '" + clientId + "' has a literal secret; use a ${PLACEHOLDER} filled from a Secret");
            }
        }
        return violations;
    }

    private static List<JsonNode> userProfileConfigs(JsonNode realm) {
        List<JsonNode> configs = new ArrayList<>();
        for (JsonNode provider : realm.path("components").path(USER_PROFILE_PROVIDER)) {
            provider.path("config").path(USER_PROFILE_CONFIG).forEach(configs::add);
        }
        return configs;
    }

    private static boolean declaresTenantAttribute(JsonNode realm) {
        return userProfileConfigs(realm).stream().anyMatch(config -> {
            try {
                JsonNode attributes = new ObjectMapper().readTree(config.asText()).path("attributes");
                return StreamSupport.stream(attributes.spliterator(), false)
                        .anyMatch(attribute -> TENANT_ATTRIBUTE.equals(attribute.path("name").asText()));
            } catch (JsonProcessingException e) {
                return false;
            }
        });
    }

    private static boolean mapsTenantIntoAccessTokens(JsonNode client) {
        return StreamSupport.stream(client.path("protocolMappers").spliterator(), false).anyMatch(mapper ->
                ATTRIBUTE_MAPPER.equals(mapper.path("protocolMapper").asText())
                        && TENANT_ATTRIBUTE.equals(mapper.path("config").path("user.attribute").asText())
                        && TENANT_ATTRIBUTE.equals(mapper.path("config").path("claim.name").asText())
                        && "true".equals(mapper.path("config").path("access.token.claim").asText()));
    }
}

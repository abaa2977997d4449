package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks every rendered object against its type: built-in kinds against the Kubernetes API model, operator
 * resources against their schemas (with metadata still checked as a Kubernetes ObjectMeta), and the realm inside a
 * KeycloakRealmImport against Keycloak's RealmRepresentation. An object of any other kind is itself a problem.
 */
final class ManifestValidator {

    private ManifestValidator() {
    }

    static List<String> problems(RenderedManifest manifest) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : manifest.objects()) {
            for (String problem : problems(object)) {
                problems.add(manifest.source() + " " + RenderedManifest.describe(object) + ": " + problem);
            }
        }
        return problems;
    }

    static List<String> problems(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        if (apiVersion.isEmpty() || kind.isEmpty()) {
            return List.of("no apiVersion or kind");
        }
        Optional<Class<?>> builtIn = KubernetesTypes.typeOf(apiVersion, kind);
        if (builtIn.isPresent()) {
            return StrictKubernetesModel.problem(object, builtIn.get()).stream().toList();
        }
        return CustomResourceSchemas.schemaFor(apiVersion, kind)
                .map(schema -> customResourceProblems(schema, object))
                .orElseGet(() -> List.of("no schema for " + apiVersion + " " + kind
                        + ": register the kind in KubernetesTypes or add its schema under crd-schemas/"));
    }

    private static List<String> customResourceProblems(com.networknt.schema.Schema schema, ObjectNode object) {
        List<String> problems = new ArrayList<>(CustomResourceSchemas.problems(schema, object));
        StrictKubernetesModel.problem(object.path("metadata"), ObjectMeta.class)
                .ifPresent(problem -> problems.add("metadata." + problem));
        if ("KeycloakRealmImport".equals(object.path("kind").asText())) {
            JsonNode realm = object.path("spec").path("realm");
            if (realm.isObject()) {
                KeycloakRealm.problems(realm).forEach(problem -> problems.add("spec.realm." + problem));
            }
        }
        return problems;
    }
}

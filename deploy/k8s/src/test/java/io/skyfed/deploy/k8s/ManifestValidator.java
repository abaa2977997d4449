package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every rendered object against its type: built-in kinds against the Kubernetes API model, CloudNativePG
 * resources against the models generated from CloudNativePG's API types, Keycloak operator resources against their
 * schemas (metadata of both still checked as a Kubernetes ObjectMeta), and the realm inside a KeycloakRealmImport
 * against Keycloak's RealmRepresentation. An object of any other kind is itself a problem.
 */
final class ManifestValidator {

    private ManifestValidator() {
    }

    static List<String> problems(RenderedManifest manifest) {
        // CloudNativePG resources go to Node.js in one batch per manifest rather than one process each.
        List<ObjectNode> cloudNativePg = manifest.objects().stream().filter(ManifestValidator::isCloudNativePg).toList();
        Map<ObjectNode, List<String>> cloudNativePgProblems = new IdentityHashMap<>();
        List<List<String>> reports = CloudNativePgModels.problems(cloudNativePg);
        for (int i = 0; i < cloudNativePg.size(); i++) {
            cloudNativePgProblems.put(cloudNativePg.get(i), reports.get(i));
        }
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : manifest.objects()) {
            List<String> found = isCloudNativePg(object)
                    ? withMetadataProblems(cloudNativePgProblems.get(object), object)
                    : problems(object);
            for (String problem : found) {
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
        if (isCloudNativePg(object)) {
            return withMetadataProblems(CloudNativePgModels.problems(List.of(object)).get(0), object);
        }
        return CustomResourceSchemas.schemaFor(apiVersion, kind)
                .map(schema -> customResourceProblems(schema, object))
                .orElseGet(() -> List.of("no schema for " + apiVersion + " " + kind
                        + ": register the kind in KubernetesTypes or add its schema under crd-schemas/"));
    }

    private static boolean isCloudNativePg(ObjectNode object) {
        return CloudNativePgModels.handles(object.path("apiVersion").asText(""));
    }

    private static List<String> customResourceProblems(com.networknt.schema.Schema schema, ObjectNode object) {
        List<String> problems = withMetadataProblems(CustomResourceSchemas.problems(schema, object), object);
        if ("KeycloakRealmImport".equals(object.path("kind").asText())) {
            JsonNode realm = object.path("spec").path("realm");
            if (realm.isObject()) {
                KeycloakRealm.problems(realm).forEach(problem -> problems.add("spec.realm." + problem));
            }
        }
        return problems;
    }

    private static List<String> withMetadataProblems(List<String> schemaProblems, ObjectNode object) {
        List<String> problems = new ArrayList<>(schemaProblems);
        StrictKubernetesModel.problem(object.path("metadata"), ObjectMeta.class)
                .ifPresent(problem -> problems.add("metadata." + problem));
        return problems;
    }
}

package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON schemas of the operator resources the manifests use (CloudNativePG, Keycloak operator), kept under
 * src/test/resources/crd-schemas/GROUP/VERSION/KIND.schema.json. Their ids live under {@value #ID_PREFIX}, which
 * maps to that folder, so references between them never leave the class path.
 */
final class CustomResourceSchemas {

    static final String ID_PREFIX = "https://skyfed.io/schemas/";
    private static final String CLASSPATH_PREFIX = "classpath:crd-schemas/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaIdResolvers(resolvers -> resolvers.mapPrefix(ID_PREFIX, CLASSPATH_PREFIX)));
    private static final Map<String, Optional<Schema>> SCHEMAS = new ConcurrentHashMap<>();

    private CustomResourceSchemas() {
    }

    /** The schema for a custom resource's apiVersion and kind, if the project has one. */
    static Optional<Schema> schemaFor(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String path = apiVersion.substring(0, slash) + "/" + apiVersion.substring(slash + 1) + "/" + kind + ".schema.json";
        return SCHEMAS.computeIfAbsent(path, p -> {
            if (CustomResourceSchemas.class.getClassLoader().getResource("crd-schemas/" + p) == null) {
                return Optional.empty();
            }
            return Optional.of(REGISTRY.getSchema(SchemaLocation.of(ID_PREFIX + p)));
        });
    }

    static List<String> problems(Schema schema, JsonNode object) {
        return schema.validate(object).stream().map(CustomResourceSchemas::describe).toList();
    }

    private static String describe(Error error) {
        return error.getInstanceLocation() + ": " + error.getMessage();
    }
}

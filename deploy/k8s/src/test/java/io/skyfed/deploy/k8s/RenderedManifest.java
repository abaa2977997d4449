package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/** The objects one kustomization renders to, as JSON trees that tests may copy and alter. */
record RenderedManifest(String source, List<ObjectNode> objects) {

    private static final ObjectMapper YAML = new YAMLMapper();

    RenderedManifest {
        objects = List.copyOf(objects);
    }

    static RenderedManifest parse(String source, String multiDocumentYaml) {
        List<ObjectNode> objects = new ArrayList<>();
        try (JsonParser parser = new YAMLFactory().createParser(multiDocumentYaml)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document == null || document.isNull() || document.isMissingNode()) {
                    continue;
                }
                if (!document.isObject()) {
                    throw new IllegalArgumentException(source + ": a document is not a mapping: " + document);
                }
                objects.add((ObjectNode) document);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": not valid YAML", e);
        }
        return new RenderedManifest(source, objects);
    }

    /** A deep copy, for tests that break one object and expect a check to notice. */
    RenderedManifest copy() {
        return new RenderedManifest(source, objects.stream().map(ObjectNode::deepCopy).toList());
    }

    List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(nameOf(o))).findFirst();
    }

    ObjectNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new NoSuchElementException(source + " renders no " + kind + "/" + name));
    }

    static String nameOf(JsonNode object) {
        return object.path("metadata").path("name").asText("");
    }

    static String describe(JsonNode object) {
        return object.path("kind").asText("?") + "/" + nameOf(object);
    }
}

package io.skyfed.policy.io;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.StringReader;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Finds where a key sits in a YAML (or JSON) document by following a Jackson path through the node tree. */
final class NodeLocator {

    private NodeLocator() {
    }

    /** 1-based line and column of the key {@code name} in the mapping at {@code path}, or null if not found. */
    static int[] locateKey(String text, List<JsonMappingException.Reference> path, String name) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(Documents.MAX_DOCUMENT_CHARS);
            options.setMaxAliasesForCollections(20);
            Node node = new Yaml(options).compose(new StringReader(text));
            // The last reference is the unknown property itself.
            for (int i = 0; i < path.size() - 1 && node != null; i++) {
                node = child(node, path.get(i));
            }
            if (node instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(name)) {
                        return new int[] {k.getStartMark().getLine() + 1, k.getStartMark().getColumn() + 1};
                    }
                }
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Node child(Node node, JsonMappingException.Reference ref) {
        if (ref.getIndex() >= 0 && node instanceof SequenceNode s) {
            return ref.getIndex() < s.getValue().size() ? s.getValue().get(ref.getIndex()) : null;
        }
        if (ref.getFieldName() != null && node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(ref.getFieldName())) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }
}

package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;

/** Label selector matching, for the matchLabels form the manifests use. */
final class Labels {

    private Labels() {
    }

    /**
     * Whether {@code selector} (a LabelSelector) selects pods labelled {@code labels}. A selector with
     * matchExpressions is taken to select them, so a check errs towards looking at a policy rather than missing it.
     */
    static boolean selects(JsonNode selector, JsonNode labels) {
        if (!selector.path("matchExpressions").isEmpty()) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> label = it.next();
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText(null))) {
                return false;
            }
        }
        return true;
    }
}

package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the broker itself needs from its pod to run as one replica among several: a name of its own (the pod's,
 * recorded on job steps, task leases and the run log), and a scratch volume large enough for the disk
 * conversions it bounds with {@code SKYFED_JOBS_TEMP_MAX_BYTES}, since its root filesystem is read-only.
 */
final class BrokerRuntimePolicy {

    static final String REPLICA_NAME = "SKYFED_REPLICA_NAME";
    static final String TEMP_DIR = "SKYFED_JOBS_TEMP_DIR";
    static final String TEMP_MAX_BYTES = "SKYFED_JOBS_TEMP_MAX_BYTES";
    private static final String BROKER = "Deployment/" + AvailabilityPolicy.BROKER;

    private BrokerRuntimePolicy() {
    }

    static List<String> violations(RenderedManifest manifest) {
        List<String> violations = new ArrayList<>();
        violations.addAll(replicaNamedAfterItsPod(manifest));
        violations.addAll(conversionScratch(manifest));
        return violations;
    }

    /** Pod names are unique among live replicas and readable by operators; host name and pid are not in a container (pid 1). */
    static List<String> replicaNamedAfterItsPod(RenderedManifest manifest) {
        for (JsonNode variable : broker(manifest).path("env")) {
            if (REPLICA_NAME.equals(variable.path("name").asText())) {
                String field = variable.at("/valueFrom/fieldRef/fieldPath").asText("");
                return field.equals("metadata.name") ? List.of()
                        : List.of(BROKER + ": " + REPLICA_NAME + " does not come from the pod's metadata.name");
            }
        }
        return List.of(BROKER + ": " + REPLICA_NAME + " is not set from the pod's name");
    }

    /** The conversion directory is a writable emptyDir mounted in the broker, with room for the largest disk allowed. */
    static List<String> conversionScratch(RenderedManifest manifest) {
        Optional<String> directory = setting(manifest, TEMP_DIR);
        Optional<String> maxBytes = setting(manifest, TEMP_MAX_BYTES);
        if (directory.isEmpty() || maxBytes.isEmpty()) {
            return List.of(BROKER + ": its ConfigMap sets no " + (directory.isEmpty() ? TEMP_DIR : TEMP_MAX_BYTES));
        }
        JsonNode pod = Mutations.brokerPodSpec(manifest);
        for (JsonNode mount : broker(manifest).path("volumeMounts")) {
            if (!directory.get().equals(mount.path("mountPath").asText())) {
                continue;
            }
            if (mount.path("readOnly").asBoolean(false)) {
                return List.of(BROKER + ": " + TEMP_DIR + " " + directory.get() + " is mounted read-only");
            }
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.path("name").asText().equals(mount.path("name").asText())) {
                    return roomFor(volume, new BigDecimal(maxBytes.get().trim()), directory.get());
                }
            }
        }
        return List.of(BROKER + ": " + TEMP_DIR + " " + directory.get() + " is not a mounted volume"
                + " (the root filesystem is read-only)");
    }

    private static List<String> roomFor(JsonNode volume, BigDecimal maxBytes, String directory) {
        JsonNode limit = volume.at("/emptyDir/sizeLimit");
        if (!volume.has("emptyDir") || limit.isMissingNode()) {
            return List.of(BROKER + ": the volume at " + directory + " is not an emptyDir with a sizeLimit");
        }
        BigDecimal size = Quantity.getAmountInBytes(new Quantity(limit.asText()));
        return size.compareTo(maxBytes) > 0 ? List.of()
                : List.of(BROKER + ": the volume at " + directory + " (" + limit.asText() + ") has no room for "
                        + TEMP_MAX_BYTES + " " + maxBytes.toPlainString() + " bytes");
    }

    /** A setting of the broker's generated ConfigMap, which it reads through envFrom. */
    private static Optional<String> setting(RenderedManifest manifest, String key) {
        for (JsonNode source : broker(manifest).path("envFrom")) {
            String configMap = source.at("/configMapRef/name").asText("");
            Optional<ObjectNode> found = manifest.find("ConfigMap", configMap);
            if (found.isPresent() && found.get().path("data").has(key)) {
                return Optional.of(found.get().path("data").path(key).asText());
            }
        }
        return Optional.empty();
    }

    private static JsonNode broker(RenderedManifest manifest) {
        return Mutations.brokerContainer(manifest);
    }
}

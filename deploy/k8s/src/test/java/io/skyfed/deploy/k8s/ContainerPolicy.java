package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rules every container in the manifests obeys: all three probes, requests and limits for CPU and memory, and the
 * Pod Security Standards "restricted" profile plus a read-only root filesystem with a writable /tmp.
 */
final class ContainerPolicy {

    private static final List<String> PROBES = List.of("startupProbe", "livenessProbe", "readinessProbe");
    private static final List<String> RESOURCES = List.of("cpu", "memory");
    private static final Set<String> SECCOMP_TYPES = Set.of("RuntimeDefault", "Localhost");

    private ContainerPolicy() {
    }

    static List<String> probes(RenderedManifest manifest) {
        List<String> violations = new ArrayList<>();
        for (PodTemplates.PodTemplate pod : PodTemplates.of(manifest)) {
            for (JsonNode container : pod.spec().path("containers")) {
                for (String probe : PROBES) {
                    if (!container.path(probe).isObject()) {
                        violations.add(pod.describe(container) + ": no " + probe);
                    }
                }
            }
        }
        return violations;
    }

    static List<String> resources(RenderedManifest manifest) {
        List<String> violations = new ArrayList<>();
        for (PodTemplates.PodTemplate pod : PodTemplates.of(manifest)) {
            for (JsonNode container : pod.containers()) {
                violations.addAll(requestsAndLimits(pod.describe(container), container.path("resources")));
            }
        }
        return violations;
    }

    /** Requests and limits for CPU and memory, each request no larger than its limit. */
    static List<String> requestsAndLimits(String owner, JsonNode resources) {
        List<String> violations = new ArrayList<>();
        for (String resource : RESOURCES) {
            JsonNode request = resources.path("requests").path(resource);
            JsonNode limit = resources.path("limits").path(resource);
            if (request.isMissingNode()) {
                violations.add(owner + ": no " + resource + " request");
            }
            if (limit.isMissingNode()) {
                violations.add(owner + ": no " + resource + " limit");
            }
            if (!request.isMissingNode() && !limit.isMissingNode() && amount(request).compareTo(amount(limit)) > 0) {
                violations.add(owner + ": " + resource + " request " + request.asText() + " exceeds its limit " + limit.asText());
            }
        }
        return violations;
    }

    static List<String> securityContext(RenderedManifest manifest) {
        List<String> violations = new ArrayList<>();
        for (PodTemplates.PodTemplate pod : PodTemplates.of(manifest)) {
            JsonNode podContext = pod.spec().path("securityContext");
            for (String hostNamespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (pod.spec().path(hostNamespace).asBoolean(false)) {
                    violations.add(pod.owner() + ": " + hostNamespace + " is on");
                }
            }
            for (JsonNode volume : pod.spec().path("volumes")) {
                if (volume.has("hostPath")) {
                    violations.add(pod.owner() + ": volume " + volume.path("name").asText() + " is a hostPath");
                }
            }
            for (JsonNode container : pod.containers()) {
                violations.addAll(restricted(pod, container, podContext));
            }
        }
        return violations;
    }

    private static List<String> restricted(PodTemplates.PodTemplate pod, JsonNode container, JsonNode podContext) {
        String owner = pod.describe(container);
        JsonNode context = container.path("securityContext");
        List<String> violations = new ArrayList<>();
        if (!effective(context, podContext, "runAsNonRoot").asBoolean(false)) {
            violations.add(owner + ": runAsNonRoot is not true");
        }
        JsonNode runAsUser = effective(context, podContext, "runAsUser");
        if (runAsUser.isNumber() && runAsUser.asLong() == 0) {
            violations.add(owner + ": runs as user 0");
        }
        if (!context.path("allowPrivilegeEscalation").isBoolean() || context.path("allowPrivilegeEscalation").asBoolean()) {
            violations.add(owner + ": allowPrivilegeEscalation is not false");
        }
        if (context.path("privileged").asBoolean(false)) {
            violations.add(owner + ": privileged");
        }
        if (!context.path("readOnlyRootFilesystem").asBoolean(false)) {
            violations.add(owner + ": readOnlyRootFilesystem is not true");
        } else if (!writableTmp(pod, container)) {
            violations.add(owner + ": read-only root filesystem without an emptyDir mounted at /tmp");
        }
        boolean dropsAll = false;
        for (JsonNode capability : context.path("capabilities").path("drop")) {
            dropsAll |= "ALL".equals(capability.asText());
        }
        if (!dropsAll) {
            violations.add(owner + ": capabilities do not drop ALL");
        }
        if (!context.path("capabilities").path("add").isEmpty()) {
            violations.add(owner + ": adds capabilities " + context.path("capabilities").path("add"));
        }
        String seccomp = effective(context, podContext, "seccompProfile").path("type").asText("");
        if (!SECCOMP_TYPES.contains(seccomp)) {
            violations.add(owner + ": seccompProfile is not RuntimeDefault or Localhost");
        }
        return violations;
    }

    private static boolean writableTmp(PodTemplates.PodTemplate pod, JsonNode container) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if ("/tmp".equals(mount.path("mountPath").asText()) && !mount.path("readOnly").asBoolean(false)) {
                for (JsonNode volume : pod.spec().path("volumes")) {
                    if (volume.path("name").asText().equals(mount.path("name").asText()) && volume.has("emptyDir")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static JsonNode effective(JsonNode containerContext, JsonNode podContext, String field) {
        return containerContext.has(field) ? containerContext.path(field) : podContext.path(field);
    }

    private static BigDecimal amount(JsonNode quantity) {
        return Quantity.getAmountInBytes(new Quantity(quantity.asText()));
    }
}

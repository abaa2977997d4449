package io.skyfed.deploy.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.Map;
import java.util.Optional;

/**
 * The built-in Kubernetes kinds the manifests may use, by apiVersion and kind. A kind missing here fails validation
 * on purpose: adding one is a deliberate choice, made together with the policy checks that apply to it.
 */
final class KubernetesTypes {

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry(key("v1", "Namespace"), Namespace.class),
            Map.entry(key("v1", "ServiceAccount"), ServiceAccount.class),
            Map.entry(key("v1", "ConfigMap"), ConfigMap.class),
            Map.entry(key("v1", "Secret"), Secret.class),
            Map.entry(key("v1", "Service"), Service.class),
            Map.entry(key("apps/v1", "Deployment"), Deployment.class),
            Map.entry(key("apps/v1", "StatefulSet"), StatefulSet.class),
            Map.entry(key("autoscaling/v2", "HorizontalPodAutoscaler"), HorizontalPodAutoscaler.class),
            Map.entry(key("policy/v1", "PodDisruptionBudget"), PodDisruptionBudget.class),
            Map.entry(key("networking.k8s.io/v1", "NetworkPolicy"), NetworkPolicy.class),
            Map.entry(key("networking.k8s.io/v1", "Ingress"), Ingress.class));

    private KubernetesTypes() {
    }

    static Optional<Class<?>> typeOf(String apiVersion, String kind) {
        return Optional.ofNullable(TYPES.get(key(apiVersion, kind)));
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }
}

package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each container rule catches a manifest that breaks it. */
class ContainerPolicyTest {

    @Test
    void aMissingReadinessProbeIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.brokerContainer(manifest).remove("readinessProbe");

        assertThat(ContainerPolicy.probes(manifest)).containsExactly("Deployment/skyfed-broker container broker: no readinessProbe");
    }

    @Test
    void aLivenessProbeOnTheWrongEndpointIsCaught() {
        RenderedManifest manifest = Overlays.dev();
        Mutations.object(Mutations.brokerContainer(manifest), "/livenessProbe/httpGet").put("path", "/q/health/ready");

        assertThat(DeploymentPolicy.brokerProbesUseQuarkusHealth(manifest)).singleElement().asString()
                .contains("livenessProbe should GET /q/health/live");
    }

    @Test
    void aMissingMemoryLimitIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(Mutations.brokerContainer(manifest), "/resources/limits").remove("memory");

        assertThat(ContainerPolicy.resources(manifest)).containsExactly("Deployment/skyfed-broker container broker: no memory limit");
    }

    @Test
    void aRequestAboveItsLimitIsCaught() {
        RenderedManifest manifest = Overlays.dev();
        Mutations.object(Mutations.brokerContainer(manifest), "/resources/requests").put("cpu", "1500m");

        assertThat(ContainerPolicy.resources(manifest)).singleElement().asString().contains("cpu request 1500m exceeds its limit 1");
    }

    @Test
    void anInitContainerWithoutResourcesIsCaught() {
        RenderedManifest manifest = Overlays.dev();
        ObjectNode init = Mutations.brokerPodSpec(manifest).putArray("initContainers").addObject();
        init.put("name", "wait").put("image", "busybox:1.36");

        assertThat(ContainerPolicy.resources(manifest)).contains(
                "Deployment/skyfed-broker container wait: no cpu request",
                "Deployment/skyfed-broker container wait: no memory limit");
    }

    @Test
    void anOperatorWorkloadWithoutLimitsIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(manifest.get("Cluster", "skyfed-keycloak-db"), "/spec/resources").remove("limits");

        assertThat(DeploymentPolicy.operatorWorkloadResources(manifest))
                .containsExactly("Cluster/skyfed-keycloak-db: no cpu limit", "Cluster/skyfed-keycloak-db: no memory limit");
    }

    @Test
    void runningAsRootIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(Mutations.brokerContainer(manifest), "/securityContext").remove("runAsNonRoot");
        Mutations.object(Mutations.brokerPodSpec(manifest), "/securityContext").put("runAsNonRoot", false).put("runAsUser", 0);

        assertThat(ContainerPolicy.securityContext(manifest)).containsExactly(
                "Deployment/skyfed-broker container broker: runAsNonRoot is not true",
                "Deployment/skyfed-broker container broker: runs as user 0");
    }

    @Test
    void privilegeEscalationAndPrivilegedModeAreCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(Mutations.brokerContainer(manifest), "/securityContext")
                .put("allowPrivilegeEscalation", true).put("privileged", true);

        assertThat(ContainerPolicy.securityContext(manifest)).containsExactly(
                "Deployment/skyfed-broker container broker: allowPrivilegeEscalation is not false",
                "Deployment/skyfed-broker container broker: privileged");
    }

    @Test
    void aWritableRootFilesystemIsCaught() {
        RenderedManifest manifest = Overlays.dev();
        Mutations.object(Mutations.brokerContainer(manifest), "/securityContext").put("readOnlyRootFilesystem", false);

        assertThat(ContainerPolicy.securityContext(manifest))
                .containsExactly("Deployment/skyfed-broker container broker: readOnlyRootFilesystem is not true");
    }

    @Test
    void aReadOnlyRootWithoutAnEmptyDirAtTmpIsCaught() {
        RenderedManifest manifest = Overlays.dev();
        Mutations.array(Mutations.brokerContainer(manifest), "/volumeMounts").remove(0);

        assertThat(ContainerPolicy.securityContext(manifest)).containsExactly(
                "Deployment/skyfed-broker container broker: read-only root filesystem without an emptyDir mounted at /tmp");
    }

    @Test
    void keptOrAddedCapabilitiesAreCaught() {
        RenderedManifest manifest = Overlays.prod();
        ObjectNode capabilities = Mutations.object(Mutations.brokerContainer(manifest), "/securityContext/capabilities");
        capabilities.putArray("drop").add("NET_RAW");
        capabilities.putArray("add").add("NET_ADMIN");

        assertThat(ContainerPolicy.securityContext(manifest)).containsExactly(
                "Deployment/skyfed-broker container broker: capabilities do not drop ALL",
                "Deployment/skyfed-broker container broker: adds capabilities [\"NET_ADMIN\"]");
    }

    @Test
    void anUnconfinedSeccompProfileIsCaught() {
        RenderedManifest manifest = Overlays.prod();
        Mutations.object(Mutations.brokerContainer(manifest), "/securityContext/seccompProfile").put("type", "Unconfined");

        assertThat(ContainerPolicy.securityContext(manifest)).containsExactly(
                "Deployment/skyfed-broker container broker: seccompProfile is not RuntimeDefault or Localhost");
    }

    @Test
    void hostNamespacesAndHostPathVolumesAreCaught() {
        RenderedManifest manifest = Overlays.dev();
        ObjectNode pod = Mutations.brokerPodSpec(manifest);
        pod.put("hostNetwork", true);
        pod.withArray("volumes").addObject().put("name", "docker").putObject("hostPath").put("path", "/var/run/docker.sock");

        assertThat(ContainerPolicy.securityContext(manifest)).containsExactly(
                "Deployment/skyfed-broker: hostNetwork is on",
                "Deployment/skyfed-broker: volume docker is a hostPath");
    }
}

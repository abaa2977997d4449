package io.skyfed.deploy.k8s;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Both overlays name each replica after its pod and give conversions a scratch volume; each rule catches a break. */
class BrokerRuntimePolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void bothOverlaysGiveTheBrokerAReplicaNameAndConversionScratch(String overlay) {
        assertThat(BrokerRuntimePolicy.violations(Overlays.render(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aReplicaNameNotTakenFromThePodIsCaught(String overlay) {
        RenderedManifest manifest = Overlays.render(overlay);
        ObjectNode variable = Mutations.brokerEnv(manifest, BrokerRuntimePolicy.REPLICA_NAME);
        variable.remove("valueFrom");
        variable.put("value", "broker");

        assertThat(BrokerRuntimePolicy.replicaNamedAfterItsPod(manifest))
                .containsExactly("Deployment/skyfed-broker: SKYFED_REPLICA_NAME does not come from the pod's metadata.name");
        variable.put("name", "SKYFED_REPLICA");
        assertThat(BrokerRuntimePolicy.replicaNamedAfterItsPod(manifest))
                .containsExactly("Deployment/skyfed-broker: SKYFED_REPLICA_NAME is not set from the pod's name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aScratchVolumeSmallerThanTheLargestConversionIsCaught(String overlay) {
        RenderedManifest manifest = Overlays.render(overlay);
        for (var volume : Mutations.brokerPodSpec(manifest).path("volumes")) {
            if (volume.path("name").asText().equals("scratch")) {
                ((ObjectNode) volume.path("emptyDir")).put("sizeLimit", "20Gi");
            }
        }

        assertThat(BrokerRuntimePolicy.conversionScratch(manifest)).containsExactly("Deployment/skyfed-broker: the volume"
                + " at /var/lib/skyfed/scratch (20Gi) has no room for SKYFED_JOBS_TEMP_MAX_BYTES 21474836480 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void aConversionDirectoryOnTheReadOnlyRootIsCaught(String overlay) {
        RenderedManifest manifest = Overlays.render(overlay);
        var mounts = Mutations.array(Mutations.brokerContainer(manifest), "/volumeMounts");
        for (int i = mounts.size() - 1; i >= 0; i--) {
            if (mounts.get(i).path("name").asText().equals("scratch")) {
                mounts.remove(i);
            }
        }

        assertThat(BrokerRuntimePolicy.conversionScratch(manifest)).containsExactly("Deployment/skyfed-broker:"
                + " SKYFED_JOBS_TEMP_DIR /var/lib/skyfed/scratch is not a mounted volume (the root filesystem is read-only)");
    }
}

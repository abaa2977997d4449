package io.skyfed.broker.workflow;

import java.util.List;
import java.util.Map;

/**
 * What a workload needs, as stored in {@code workload.spec} (jsonb): its size and placement constraints (the
 * policy engine reads these) and how to launch it (the drivers read these). Lists are never null.
 *
 * @param residency      jurisdictions its data may live in; empty means anywhere
 * @param certifications compliance certifications the hosting site must hold
 * @param firewall       inbound rules it needs, e.g. {@code tcp/22}
 * @param labels         free-form labels, e.g. from the portal
 */
public record WorkloadSpec(
        int cpus,
        long memoryMb,
        long diskGb,
        int gpus,
        List<String> tags,
        String classification,
        List<String> residency,
        List<String> certifications,
        String affinityGroup,
        String antiAffinityGroup,
        long priority,
        String userLocation,
        String image,
        String hardwareProfile,
        String keyName,
        String userData,
        String network,
        List<String> firewall,
        Map<String, String> labels) {

    public WorkloadSpec {
        tags = tags == null ? List.of() : List.copyOf(tags);
        residency = residency == null ? List.of() : List.copyOf(residency);
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        firewall = firewall == null ? List.of() : List.copyOf(firewall);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}

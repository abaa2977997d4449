package io.skyfed.policy.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something to run: a VM or a group of them that moves as one.
 *
 * @param size           vCPU, RAM, disk (the disk also sizes a move's transfer and egress) and GPUs
 * @param classification data classification, e.g. public, internal, confidential
 * @param residency      jurisdictions the data may live in; empty means anywhere
 * @param certifications compliance certifications the hosting site must hold
 * @param currentSite    where it runs now, or null while pending
 * @param since          when it arrived on its current site (null while pending)
 * @param userLocation   where its users are, to look up site latency
 */
public record Workload(
        String id,
        String tenant,
        Resources size,
        List<String> tags,
        String classification,
        List<String> residency,
        List<String> certifications,
        String affinityGroup,
        String antiAffinityGroup,
        long priority,
        String currentSite,
        Instant since,
        String userLocation,
        String imageFormat) {

    public Workload {
        Objects.requireNonNull(id, "workload id");
        Objects.requireNonNull(tenant, "workload tenant");
        Objects.requireNonNull(size, "workload size");
        tags = tags == null ? List.of() : List.copyOf(tags);
        classification = classification == null ? "" : classification;
        residency = residency == null ? List.of() : List.copyOf(residency);
        certifications = certifications == null ? List.of() : List.copyOf(certifications);
        affinityGroup = affinityGroup == null ? "" : affinityGroup;
        antiAffinityGroup = antiAffinityGroup == null ? "" : antiAffinityGroup;
        userLocation = userLocation == null ? "" : userLocation;
        imageFormat = imageFormat == null ? "" : imageFormat;
    }

    public boolean pending() {
        return currentSite == null;
    }

    public Workload placedAt(String site, Instant at) {
        return new Workload(id, tenant, size, tags, classification, residency, certifications, affinityGroup,
                antiAffinityGroup, priority, site, at, userLocation, imageFormat);
    }
}

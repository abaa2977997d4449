package io.skyfed.drivers.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A provider's capacity at one moment: host load on-premise, quotas in a public cloud. */
public record CapacityReport(Instant sampledAt, List<CapacityFigure> figures) {

    public CapacityReport {
        Objects.requireNonNull(sampledAt, "sampledAt");
        figures = List.copyOf(figures);
    }

    /** The provider-wide figure for {@code resource}, if reported. */
    public Optional<CapacityFigure> total(CapacityResource resource) {
        return figures.stream().filter(f -> f.resource() == resource && f.realmId() == null).findFirst();
    }
}

package io.skyfed.drivers.spi;

import java.util.List;
import java.util.Objects;

/** The monitoring data of one entity (an instance, a volume), keyed by the entity's id as in Deltacloud. */
public record Metric(String id, String entityType, List<MetricSeries> series) {

    public Metric {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(entityType, "entityType");
        series = List.copyOf(series);
    }
}

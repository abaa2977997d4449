package io.skyfed.drivers.spi;

import java.util.List;
import java.util.Objects;

/** The samples of one metric (e.g. cpuUtilization in percent) of one entity. */
public record MetricSeries(String name, String unit, List<MetricSample> samples) {

    public MetricSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        samples = List.copyOf(samples);
    }
}

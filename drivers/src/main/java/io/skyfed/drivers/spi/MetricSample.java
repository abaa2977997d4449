package io.skyfed.drivers.spi;

import java.time.Instant;
import java.util.Objects;

/** One aggregated measurement over a period ending at {@code timestamp}. */
public record MetricSample(Instant timestamp, double average, double minimum, double maximum) {

    public MetricSample {
        Objects.requireNonNull(timestamp, "timestamp");
    }
}

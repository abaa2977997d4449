package io.skyfed.drivers.spi;

import java.util.List;

/** Monitoring data ({@link CollectionKind#METRICS}). */
public interface MetricService {

    /** One entry per monitored entity; {@link Metric#series()} may be empty in listings. */
    List<Metric> list();

    /** @throws NotFoundException when the entity is unknown */
    Metric get(String entityId);
}

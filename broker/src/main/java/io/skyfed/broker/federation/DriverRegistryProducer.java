package io.skyfed.broker.federation;

import io.skyfed.drivers.DriverRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The one driver registry of the process. There must be exactly one: drivers such as mock keep their in-memory
 * clouds in their factory, so /api and /v1 only see the same instances through the same factories.
 */
@ApplicationScoped
public class DriverRegistryProducer {

    @Produces
    @ApplicationScoped
    DriverRegistry driverRegistry() {
        return DriverRegistry.load(Thread.currentThread().getContextClassLoader());
    }
}

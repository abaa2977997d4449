package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.DriverRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The drivers on the broker's class path, found once at start. */
@ApplicationScoped
public class DriverRegistryProducer {

    @Produces
    @ApplicationScoped
    DriverRegistry driverRegistry() {
        return DriverRegistry.load(Thread.currentThread().getContextClassLoader());
    }
}

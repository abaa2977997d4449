package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.DriverRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The drivers on the broker's class path, found once at start. A default bean: when the federation layer
 * produces the registry itself, that one is used and this one steps aside.
 */
@ApplicationScoped
public class DriverRegistryProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    DriverRegistry driverRegistry() {
        return DriverRegistry.load(Thread.currentThread().getContextClassLoader());
    }
}

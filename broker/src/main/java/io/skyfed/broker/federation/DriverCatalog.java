package io.skyfed.broker.federation;

import jakarta.enterprise.context.ApplicationScoped;

/** The driver kinds this broker can connect with. (Bound to the driver SPI's registry once it lands.) */
@ApplicationScoped
public class DriverCatalog {

    public void requireKnown(String driver) {
        // Pending the driver SPI merge: every kind is accepted until then.
    }
}

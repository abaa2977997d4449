package io.skyfed.broker.federation;

import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.DriverFactory;
import java.util.Collection;

/** A provider names a driver kind that no installed driver provides. */
public class UnknownDriverException extends RuntimeException {

    public UnknownDriverException(String driver, Collection<String> known) {
        super("unknown driver '" + driver + "'; installed drivers: " + String.join(", ", known));
    }

    /** The installed driver named {@code driver}, or this exception listing the installed ones. */
    static DriverFactory require(DriverRegistry drivers, String driver) {
        return drivers.find(driver).orElseThrow(() -> new UnknownDriverException(driver,
                drivers.all().stream().map(DriverFactory::id).toList()));
    }
}

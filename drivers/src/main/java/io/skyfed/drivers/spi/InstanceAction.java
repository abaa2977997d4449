package io.skyfed.drivers.spi;

import java.util.Locale;

/** What a client can ask of an instance; which ones apply depends on its state and the driver. */
public enum InstanceAction {
    CREATE, START, STOP, REBOOT, DESTROY, CREATE_IMAGE;

    /** The Deltacloud action name, e.g. {@code create_image}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

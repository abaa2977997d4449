package io.skyfed.drivers.resilience;

import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.OperationNotSupportedException;

/** The usual SPI meaning of a request the provider refused, for drivers that need nothing more specific. */
public final class RemoteRequestMapping {

    private RemoteRequestMapping() {
    }

    /**
     * @param kind what the request was about ("instance", "volume"), for a 404
     * @param id   which one, for a 404
     */
    public static DriverException toDriverException(RemoteRequestException e, String kind, String id) {
        return switch (e.status()) {
            case 404, 410 -> new NotFoundException(kind, id);
            case 409, 412 -> new InvalidStateException(e.getMessage());
            case 405, 501 -> new OperationNotSupportedException(e.getMessage());
            default -> new InvalidArgumentException(kind, e.getMessage());
        };
    }
}

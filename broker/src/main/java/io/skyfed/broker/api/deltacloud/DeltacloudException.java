package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.OperationNotSupportedException;
import io.skyfed.drivers.spi.ProviderUnavailableException;

/** An error the Deltacloud API answers with a status and a Deltacloud error body. */
final class DeltacloudException extends RuntimeException {

    private final int status;
    private final String parameter;

    DeltacloudException(int status, String message, String parameter, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.parameter = parameter;
    }

    int status() {
        return status;
    }

    /** The offending request parameter, or null. */
    String parameter() {
        return parameter;
    }

    static DeltacloudException badRequest(String parameter, String message) {
        return new DeltacloudException(400, message, parameter, null);
    }

    static DeltacloudException notFound(String message) {
        return new DeltacloudException(404, message, null, null);
    }

    static DeltacloudException methodNotAllowed(String message) {
        return new DeltacloudException(405, message, null, null);
    }

    static DeltacloudException unauthorized(String message) {
        return new DeltacloudException(401, message, null, null);
    }

    /** The HTTP meaning of a driver's failure. */
    static DeltacloudException from(DriverException e) {
        if (e instanceof NotFoundException) {
            return new DeltacloudException(404, e.getMessage(), null, e);
        }
        if (e instanceof InvalidArgumentException invalid) {
            return new DeltacloudException(400, e.getMessage(), invalid.parameter(), e);
        }
        if (e instanceof OperationNotSupportedException) {
            return new DeltacloudException(405, e.getMessage(), null, e);
        }
        if (e instanceof AuthenticationFailedException) {
            return new DeltacloudException(401, e.getMessage(), null, e);
        }
        if (e instanceof ProviderUnavailableException unavailable) {
            return new DeltacloudException(unavailable.timeout() ? 504 : 502, e.getMessage(), null, e);
        }
        return new DeltacloudException(500, e.getMessage(), null, e);
    }
}

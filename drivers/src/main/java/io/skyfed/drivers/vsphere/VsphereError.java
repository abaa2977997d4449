package io.skyfed.drivers.vsphere;

import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.OperationNotSupportedException;

/**
 * A request vCenter refused (4xx other than 401/403/429), with the Automation API's {@code error_type}
 * (NOT_FOUND, ALREADY_EXISTS, NOT_ALLOWED_IN_CURRENT_STATE, ...), which says more than the status: vCenter answers
 * 400 for a bad argument and for a VM in the wrong power state alike.
 */
final class VsphereError extends RemoteRequestException {

    private final String errorType;

    VsphereError(int status, String errorType, String message) {
        super(status, message, null);
        this.errorType = errorType == null ? "" : errorType;
    }

    private static final String VI_JSON_UNAVAILABLE = "VI_JSON_UNAVAILABLE";

    /** vCenter does not serve the VI JSON API in this release (vCenter 7, or a release newer than vCenter's). */
    static VsphereError viJsonUnavailable(String release) {
        return new VsphereError(404, VI_JSON_UNAVAILABLE, "vCenter does not serve the VI JSON API release " + release);
    }

    boolean viJsonUnavailable() {
        return VI_JSON_UNAVAILABLE.equals(errorType);
    }

    /**
     * VI JSON faults that say the request, not vCenter, is wrong: the VI JSON API may answer them with status 500,
     * which must not read as "vCenter unavailable" (retried, counted against the breaker).
     */
    static boolean requestFault(String viFault) {
        return viFault != null && switch (viFault) {
            case "NotFound", "ManagedObjectNotFound", "InvalidArgument", "InvalidState", "InvalidPowerState",
                    "ResourceInUse", "FileLocked", "TaskInProgress", "FileAlreadyExists", "InvalidDatastore",
                    "NotSupported" -> true;
            default -> false;
        };
    }

    /**
     * @param kind what the request was about ("instance", "image"), for a 404 or a bad argument
     * @param id   which one, for a 404
     */
    DriverException toDriverException(String kind, String id) {
        return switch (errorType) {
            case "NOT_FOUND" -> new NotFoundException(kind, id);
            case "ALREADY_IN_DESIRED_STATE", "NOT_ALLOWED_IN_CURRENT_STATE", "RESOURCE_IN_USE", "RESOURCE_BUSY",
                    "CONCURRENT_CHANGE", "RESOURCE_INACCESSIBLE" -> new InvalidStateException(getMessage());
            case "UNSUPPORTED", "NotSupported" -> new OperationNotSupportedException(getMessage());
            // VI JSON faults (MethodFault _typeName)
            case "NotFound", "ManagedObjectNotFound" -> new NotFoundException(kind, id);
            case "InvalidState", "InvalidPowerState", "ResourceInUse", "FileLocked", "TaskInProgress"
                    -> new InvalidStateException(getMessage());
            default -> status() == 404 ? new NotFoundException(kind, id) : new InvalidArgumentException(kind,
                    getMessage());
        };
    }
}

package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.resilience.RemoteCallException;
import io.skyfed.drivers.resilience.RemoteCredentialsException;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/** Sorts libvirt's error numbers into failure kinds: transport and daemon trouble is retryable, the rest is not. */
final class LibvirtFailures {

    private LibvirtFailures() {
    }

    static RemoteCallException translate(LibvirtException e) {
        ErrorNumber code = e.getError() == null ? ErrorNumber.VIR_ERR_UNKNOWN : e.getError().getCode();
        String message = code + ": " + e.getMessage();
        return switch (code) {
            case VIR_ERR_AUTH_FAILED, VIR_ERR_AUTH_CANCELLED, VIR_ERR_AUTH_UNAVAILABLE, VIR_ERR_ACCESS_DENIED,
                 VIR_ERR_OPERATION_DENIED -> new RemoteCredentialsException(message, e);
            case VIR_ERR_OPERATION_TIMEOUT, VIR_ERR_AGENT_UNRESPONSIVE -> new RemoteTimeoutException(message, e);
            case VIR_ERR_SYSTEM_ERROR, VIR_ERR_RPC, VIR_ERR_NO_CONNECT, VIR_ERR_INVALID_CONN, VIR_ERR_SSH,
                 VIR_ERR_LIBSSH, VIR_ERR_GNUTLS_ERROR, VIR_ERR_NO_SERVER, VIR_ERR_RESOURCE_BUSY, VIR_ERR_INTERNAL_ERROR,
                 VIR_ERR_UNKNOWN_HOST -> new RemoteUnavailableException(message, e);
            case VIR_ERR_NO_DOMAIN, VIR_ERR_NO_STORAGE_POOL, VIR_ERR_NO_STORAGE_VOL, VIR_ERR_NO_NETWORK,
                 VIR_ERR_NO_DOMAIN_METADATA -> new RemoteRequestException(404, message, e);
            case VIR_ERR_OPERATION_INVALID, VIR_ERR_DOM_EXIST, VIR_ERR_STORAGE_VOL_EXIST ->
                    new RemoteRequestException(409, message, e);
            case VIR_ERR_NO_SUPPORT, VIR_ERR_ARGUMENT_UNSUPPORTED, VIR_ERR_OPERATION_UNSUPPORTED ->
                    new RemoteRequestException(501, message, e);
            default -> new RemoteRequestException(400, message, e);
        };
    }
}

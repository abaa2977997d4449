package io.skyfed.broker.security;

/**
 * Ends a request the caller may not make: 401 when it did not authenticate (or its proof is invalid), 403 when
 * it did but its roles or tenant do not allow the route. Each API renders it in its own error format.
 */
public class AccessDenied extends RuntimeException {

    private final int status;

    private AccessDenied(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static AccessDenied unauthenticated(String message) {
        return new AccessDenied(401, message);
    }

    public static AccessDenied forbidden(String message) {
        return new AccessDenied(403, message);
    }

    public int status() {
        return status;
    }
}

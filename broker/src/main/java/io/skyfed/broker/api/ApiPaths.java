package io.skyfed.broker.api;

/** Which API a request path belongs to, for code that serves both (errors, the route guard, the audit trail). */
public final class ApiPaths {

    private ApiPaths() {
    }

    /** The Deltacloud API: {@code /api}, with or without matrix parameters. */
    public static boolean isDeltacloud(String path) {
        return path.equals("/api") || path.startsWith("/api/") || path.startsWith("/api;");
    }
}

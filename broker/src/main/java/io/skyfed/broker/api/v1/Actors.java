package io.skyfed.broker.api.v1;

import jakarta.ws.rs.core.SecurityContext;

/** Who the audit log names for a request. */
final class Actors {

    static final String ANONYMOUS = "anonymous";

    private Actors() {
    }

    static String of(SecurityContext security) {
        return security == null || security.getUserPrincipal() == null ? ANONYMOUS
                : security.getUserPrincipal().getName();
    }
}

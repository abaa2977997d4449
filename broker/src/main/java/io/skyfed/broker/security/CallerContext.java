package io.skyfed.broker.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The caller of the current request. Resources inject this rather than reading tokens themselves, so tenancy has
 * one source. With security off every request is {@link Caller#EMBEDDED}; with it on, {@link RouteGuard}
 * authenticates the request and sets the caller before any resource runs, and a request it did not authenticate
 * has no caller at all (401) rather than a default one.
 */
@RequestScoped
public class CallerContext {

    private static final Set<String> ROLES = Set.of(Caller.ADMIN, Caller.OPERATOR, Caller.TENANT, Caller.AUDITOR);

    @Inject
    SecurityConfig config;

    private Caller caller;

    public Caller current() {
        if (caller != null) {
            return caller;
        }
        if (!config.enabled()) {
            return Caller.EMBEDDED;
        }
        throw AccessDenied.unauthenticated("authentication required");
    }

    /** The caller if there is one, without refusing the request: for the audit trail of refused calls. */
    public Optional<Caller> known() {
        return caller != null ? Optional.of(caller) : config.enabled() ? Optional.empty() : Optional.of(Caller.EMBEDDED);
    }

    void authenticated(Caller caller) {
        this.caller = caller;
    }

    /**
     * The caller a verified token names: its subject, the tenant claim, and its realm roles (those Skyfed knows).
     * A token without a tenant is refused unless it is an admin's, who then acts for the default tenant.
     */
    static Caller fromIdentity(SecurityIdentity identity, String tenantClaim) {
        Set<String> roles = identity.getRoles().stream().filter(ROLES::contains).collect(Collectors.toSet());
        String tenant = identity.getPrincipal() instanceof JsonWebToken token ? tenant(token.getClaim(tenantClaim))
                : null;
        if (tenant == null) {
            if (!roles.contains(Caller.ADMIN)) {
                throw AccessDenied.forbidden("the token has no '" + tenantClaim + "' claim naming the caller's tenant");
            }
            tenant = Caller.DEFAULT_TENANT;
        }
        return new Caller(identity.getPrincipal().getName(), tenant, roles);
    }

    /** A user-attribute mapper writes a string, or a one-element array when the attribute is multivalued. */
    private static String tenant(Object claim) {
        List<?> values = claim instanceof JsonArray array ? array : claim instanceof Collection<?> c ? List.copyOf(c)
                : claim == null ? List.of() : List.of(claim);
        if (values.size() != 1) {
            return null;
        }
        Object value = values.get(0);
        String text = value instanceof JsonString json ? json.getString() : value.toString();
        return text.isBlank() ? null : text;
    }
}

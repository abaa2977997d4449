package io.skyfed.broker.security;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling and for which tenant: what every route filters by. Roles are the realm roles {@code admin},
 * {@code operator}, {@code tenant} and {@code auditor}.
 */
public record Caller(String subject, String tenant, Set<String> roles) {

    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String TENANT = "tenant";
    public static final String AUDITOR = "auditor";

    /** The tenant of the embedded default (no identity provider configured). */
    public static final String DEFAULT_TENANT = "default";

    /** The embedded default: security off, one tenant, every role. */
    public static final Caller EMBEDDED = new Caller("anonymous", DEFAULT_TENANT, Set.of(ADMIN, OPERATOR, TENANT, AUDITOR));

    /** The policy loop and other automation acting for a tenant. */
    public static Caller system(String tenant) {
        return new Caller("skyfed-system", tenant, Set.of(OPERATOR, TENANT));
    }

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(tenant, "tenant");
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Admins act across tenants; everyone else only inside their own. */
    public boolean crossTenant() {
        return hasRole(ADMIN);
    }

    /** Admins and auditors see every tenant's resources (auditors only read them). */
    public boolean seesEveryTenant() {
        return crossTenant() || hasRole(AUDITOR);
    }

    /**
     * Whether this caller may see a provider-side resource owned by {@code owner} (null: created outside Skyfed,
     * visible to everyone when it is part of a provider's {@code catalogue}, else only to admins and auditors).
     */
    public boolean seesOwned(String owner, boolean catalogue) {
        return owner == null ? catalogue || seesEveryTenant() : sees(owner);
    }

    /** Whether this caller may see a resource of {@code owner}; a hidden resource answers 404, never 403. */
    public boolean sees(String owner) {
        return crossTenant() || hasRole(AUDITOR) || tenant.equals(owner);
    }
}

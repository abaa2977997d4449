package io.skyfed.broker.security;

import static io.skyfed.broker.security.Caller.ADMIN;
import static io.skyfed.broker.security.Caller.AUDITOR;
import static io.skyfed.broker.security.Caller.OPERATOR;
import static io.skyfed.broker.security.Caller.TENANT;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which roles may call each route of both APIs. {@link RouteGuard} refuses (403) any route missing here, so a
 * route added without a decision fails closed; RoutePolicyCoverageTest fails the build first. Tenancy (which
 * resources a caller sees once in) is the services' concern, not this table's.
 */
public final class RoutePolicy {

    /** Who may call a route: anyone without credentials ({@code open}), or callers holding one of {@code roles}. */
    public record Access(boolean open, Set<String> roles) {

        public boolean allows(Caller caller) {
            return open || roles.stream().anyMatch(caller::hasRole);
        }
    }

    static final Access OPEN = new Access(true, Set.of());
    static final Access EVERYONE = roles(ADMIN, OPERATOR, TENANT, AUDITOR);
    /** Changes to a tenant's own resources. */
    static final Access MEMBERS = roles(ADMIN, OPERATOR, TENANT);
    static final Access OPERATORS = roles(ADMIN, OPERATOR);
    static final Access OPERATIONS_READ = roles(ADMIN, OPERATOR, AUDITOR);
    static final Access ADMINS = roles(ADMIN);
    static final Access OVERSIGHT = roles(ADMIN, AUDITOR);

    private static final Map<String, Access> TABLE = new LinkedHashMap<>();

    static {
        // Native API.
        put("GET /v1/cluster", OPERATIONS_READ);
        put("GET /v1/inventory/instances", EVERYONE);
        put("GET /v1/inventory/images", EVERYONE);
        put("GET /v1/inventory/hardware-profiles", EVERYONE);
        put("GET /v1/inventory/providers", EVERYONE);
        put("POST /v1/inventory/providers/{name}/refresh", OPERATORS);
        put("GET /v1/jobs", EVERYONE);
        put("GET /v1/jobs/{id}", EVERYONE);
        put("GET /v1/jobs/{id}/events", EVERYONE);
        put("POST /v1/jobs/{id}/cancel", OPERATORS);
        put("POST /v1/migrations", OPERATORS);
        put("GET /v1/providers", EVERYONE);
        put("GET /v1/providers/{name}", EVERYONE);
        put("POST /v1/providers", ADMINS);
        put("PUT /v1/providers/{name}", ADMINS);
        put("DELETE /v1/providers/{name}", ADMINS);
        put("GET /v1/providers/{name}/health", OPERATIONS_READ);
        put("POST /v1/providers/test-connection", ADMINS);
        put("POST /v1/workloads", MEMBERS);
        put("GET /v1/workloads", EVERYONE);
        put("GET /v1/workloads/{id}", EVERYONE);
        put("DELETE /v1/workloads/{id}", MEMBERS);
        put("GET /v1/audit", OVERSIGHT);
        put("POST /v1/api-credentials", ADMINS);
        put("GET /v1/api-credentials", ADMINS);
        put("DELETE /v1/api-credentials/{id}", ADMINS);

        // Deltacloud API: the entry point and discovery are public as in Deltacloud; the rest needs a caller.
        put("GET /api", OPEN);
        put("GET /api/drivers", OPEN);
        put("GET /api/drivers/{id}", OPEN);
        put("GET /api/instance_states", OPEN);
        // Public as in Deltacloud when the driver publishes its profiles; otherwise they need a session.
        put("GET /api/hardware_profiles", OPEN);
        put("GET /api/hardware_profiles/{id}", OPEN);
        for (String collection : new String[] {"realms", "metrics"}) {
            put("GET /api/" + collection, EVERYONE);
            put("GET /api/" + collection + "/{id}", EVERYONE);
        }
        for (String collection : new String[] {"instances", "images", "keys", "storage_volumes",
                "storage_snapshots", "firewalls", "addresses", "load_balancers"}) {
            put("GET /api/" + collection, EVERYONE);
            put("GET /api/" + collection + "/{id}", EVERYONE);
            put("POST /api/" + collection, MEMBERS);
            put("DELETE /api/" + collection + "/{id}", MEMBERS);
        }
        put("POST /api/instances/{id}/{action}", MEMBERS);
        put("POST /api/storage_volumes/{id}/attach", MEMBERS);
        put("POST /api/storage_volumes/{id}/detach", MEMBERS);
        put("POST /api/firewalls/{id}/rules", MEMBERS);
        put("DELETE /api/firewalls/{id}/{rule_id}", MEMBERS);
        put("POST /api/addresses/{id}/associate", MEMBERS);
        put("POST /api/addresses/{id}/disassociate", MEMBERS);
        put("POST /api/load_balancers/{id}/register", MEMBERS);
        put("POST /api/load_balancers/{id}/unregister", MEMBERS);
        put("GET /api/buckets", EVERYONE);
        put("GET /api/buckets/{bucket}", EVERYONE);
        put("POST /api/buckets", MEMBERS);
        put("POST /api/buckets/{bucket}", MEMBERS);
        put("DELETE /api/buckets/{bucket}", MEMBERS);
        put("GET /api/buckets/{bucket}/{blob}", EVERYONE);
        put("HEAD /api/buckets/{bucket}/{blob}", EVERYONE);
        put("GET /api/buckets/{bucket}/{blob}/content", EVERYONE);
        put("PUT /api/buckets/{bucket}/{blob}", MEMBERS);
        put("POST /api/buckets/{bucket}/{blob}", MEMBERS);
        put("DELETE /api/buckets/{bucket}/{blob}", MEMBERS);
    }

    private RoutePolicy() {
    }

    /** The access rule of a route; empty when the table has none (the guard then refuses it). */
    public static Optional<Access> of(Route route) {
        return Optional.ofNullable(TABLE.get(route.toString()));
    }

    /** Every route the table decides, for the coverage test. */
    public static Set<String> routes() {
        return Set.copyOf(TABLE.keySet());
    }

    private static Access roles(String... roles) {
        return new Access(false, Set.of(roles));
    }

    private static void put(String route, Access access) {
        if (TABLE.put(route, access) != null) {
            throw new IllegalStateException("route " + route + " appears twice in the policy");
        }
    }
}

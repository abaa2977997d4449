package io.skyfed.broker.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The route table and the code agree: every route has a policy, and every policy a route. */
class RoutePolicyCoverageTest {

    @Test
    void findsTheResourcesOfBothApis() {
        List<Route> routes = ApiRoutes.all();
        assertThat(routes).contains(new Route("GET", "/api/instances"), new Route("DELETE", "/v1/workloads/{id}"),
                new Route("GET", "/v1/audit"), new Route("POST", "/v1/api-credentials"));
        assertThat(routes.size()).isGreaterThan(80);
    }

    @Test
    void everyRouteHasAPolicy() {
        List<String> missing = ApiRoutes.all().stream().filter(route -> RoutePolicy.of(route).isEmpty())
                .map(Route::toString).toList();
        assertThat(missing).as("routes without an entry in RoutePolicy (the guard refuses them with 403)").isEmpty();
    }

    @Test
    void everyPolicyNamesARoute() {
        Set<String> routes = ApiRoutes.all().stream().map(Route::toString).collect(Collectors.toSet());
        assertThat(RoutePolicy.routes()).as("entries of RoutePolicy that match no route").allMatch(routes::contains);
    }

    @Test
    void auditAndCredentialsAreNotForTenants() {
        Caller tenant = new Caller("alice", "acme", Set.of(Caller.TENANT));
        Caller auditor = new Caller("audrey", "acme", Set.of(Caller.AUDITOR));
        assertThat(RoutePolicy.of(new Route("GET", "/v1/audit")).orElseThrow().allows(tenant)).isFalse();
        assertThat(RoutePolicy.of(new Route("GET", "/v1/audit")).orElseThrow().allows(auditor)).isTrue();
        assertThat(RoutePolicy.of(new Route("POST", "/v1/api-credentials")).orElseThrow().allows(auditor)).isFalse();
        assertThat(RoutePolicy.of(new Route("POST", "/api/instances")).orElseThrow().allows(auditor)).isFalse();
        assertThat(RoutePolicy.of(new Route("POST", "/api/instances")).orElseThrow().allows(tenant)).isTrue();
    }
}

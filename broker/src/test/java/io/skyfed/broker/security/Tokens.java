package io.skyfed.broker.security;

import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Map;

/** Signed access tokens shaped like Keycloak's for the skyfed realm: tenant claim, realm roles, audience. */
public final class Tokens {

    static final String ISSUER = "https://server.example.com";

    private Tokens() {
    }

    /** A token of {@code subject} in {@code tenant} (none when null) with the given realm roles. */
    public static String of(String subject, String tenant, String... roles) {
        var claims = Jwt.subject(subject).preferredUserName(subject).issuer(ISSUER).audience("skyfed-broker")
                .claim("realm_access", Map.of("roles", List.of(roles)));
        if (tenant != null) {
            claims.claim("tenant", tenant);
        }
        return claims.sign();
    }

    /** The same with another audience: a token meant for some other service. */
    public static String forAudience(String audience, String subject, String tenant, String role) {
        return Jwt.subject(subject).preferredUserName(subject).issuer(ISSUER).audience(audience)
                .claim("realm_access", Map.of("roles", List.of(role))).claim("tenant", tenant).sign();
    }
}

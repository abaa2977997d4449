package io.skyfed.broker.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * API credentials an admin issues to a tenant's Deltacloud clients: a key id and a 256-bit random secret, shown
 * once. Only the secret's SHA-256 is stored; verified credentials are trusted for {@code credential-cache-ttl}
 * so a busy client costs one database read per interval, not one per request.
 */
@ApplicationScoped
public class ApiCredentials {

    /** Roles a credential may carry: admin powers stay with people who sign in to the identity provider. */
    public static final Set<String> GRANTABLE = Set.of(Caller.OPERATOR, Caller.TENANT, Caller.AUDITOR);

    /** A new credential, with its secret: the only time the secret exists outside the client. */
    public record Issued(String keyId, String secret, String tenant, List<String> roles, String description,
                         Instant createdAt) {
    }

    /** A stored credential, never with its secret. */
    public record Summary(String keyId, String tenant, List<String> roles, String description, String createdBy,
                          Instant createdAt, Instant revokedAt) {
    }

    private record Verified(byte[] hash, Caller caller) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final Cache<String, Verified> verified;

    ApiCredentials(Pool pool, SecurityConfig config) {
        this.pool = pool;
        this.verified = Caffeine.newBuilder().expireAfterWrite(config.credentialCacheTtl()).maximumSize(10_000)
                .build();
    }

    public Uni<Issued> issue(String actor, String tenant, Set<String> roles, String description) {
        String keyId = "ak_" + HexFormat.of().formatHex(random(8));
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        List<String> sorted = List.copyOf(new TreeSet<>(roles));
        return pool.preparedQuery("insert into api_credential (key_id, secret_hash, tenant, roles, description,"
                        + " created_by) values ($1, $2, $3, $4, $5, $6) returning created_at")
                .execute(Tuple.of(keyId, Buffer.buffer(hash(secret)), tenant,
                        sorted.toArray(String[]::new), description, actor))
                .map(rows -> new Issued(keyId, secret, tenant, sorted, description, createdAt(rows.iterator().next())));
    }

    public Uni<List<Summary>> list(String tenant) {
        return pool.preparedQuery("select key_id, tenant, roles, description, created_by, created_at, revoked_at"
                        + " from api_credential where $1::text is null or tenant = $1 order by key_id")
                .execute(Tuple.of(tenant))
                .map(rows -> {
                    var all = new ArrayList<Summary>();
                    rows.forEach(row -> all.add(new Summary(row.getString("key_id"), row.getString("tenant"),
                            List.of(row.getArrayOfStrings("roles")), row.getString("description"),
                            row.getString("created_by"), createdAt(row),
                            row.getOffsetDateTime("revoked_at") == null ? null
                                    : row.getOffsetDateTime("revoked_at").toInstant())));
                    return List.copyOf(all);
                });
    }

    /** Revokes a live credential; false when there is none by that id. Other replicas notice within the TTL. */
    public Uni<Boolean> revoke(String actor, String keyId) {
        verified.invalidate(keyId);
        return pool.preparedQuery("update api_credential set revoked_at = now(), revoked_by = $2"
                        + " where key_id = $1 and revoked_at is null")
                .execute(Tuple.of(keyId, actor)).map(rows -> rows.rowCount() == 1);
    }

    /** The caller a key id and secret stand for; empty when unknown, revoked or wrong. */
    public Uni<Optional<Caller>> verify(String keyId, String secret) {
        byte[] presented = hash(secret);
        Verified cached = verified.getIfPresent(keyId);
        if (cached != null) {
            return Uni.createFrom().item(MessageDigest.isEqual(cached.hash(), presented)
                    ? Optional.of(cached.caller()) : Optional.empty());
        }
        return pool.preparedQuery("select secret_hash, tenant, roles from api_credential"
                        + " where key_id = $1 and revoked_at is null")
                .execute(Tuple.of(keyId))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    byte[] stored = row.getBuffer("secret_hash").getBytes();
                    if (!MessageDigest.isEqual(stored, presented)) {
                        return Optional.empty();
                    }
                    Caller caller = new Caller(keyId, row.getString("tenant"),
                            Set.copyOf(Arrays.asList(row.getArrayOfStrings("roles"))));
                    verified.put(keyId, new Verified(stored, caller));
                    return Optional.of(caller);
                });
    }

    private static Instant createdAt(Row row) {
        return row.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC).toInstant();
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    private static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}

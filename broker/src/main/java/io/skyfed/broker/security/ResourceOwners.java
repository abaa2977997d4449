package io.skyfed.broker.security;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which tenant owns each provider-side resource created through Skyfed, by provider, kind (the Deltacloud
 * collection name: instances, keys, buckets...) and the provider's id. Resources created outside Skyfed have no
 * owner.
 */
@ApplicationScoped
public class ResourceOwners {

    private final Pool pool;

    ResourceOwners(Pool pool) {
        this.pool = pool;
    }

    /** Owners of every owned resource of a kind at a provider, by resource id. */
    public Uni<Map<String, String>> owners(String provider, String kind) {
        return pool.preparedQuery("select resource_id, tenant from resource_owner where provider = $1 and kind = $2")
                .execute(Tuple.of(provider, kind)).map(rows -> {
                    Map<String, String> owners = new HashMap<>();
                    rows.forEach(row -> owners.put(row.getString("resource_id"), row.getString("tenant")));
                    return owners;
                });
    }

    /** Owners of every owned resource of a kind at every provider, by {@link #key(String, String)}. */
    public Uni<Map<String, String>> owners(String kind) {
        return pool.preparedQuery("select provider, resource_id, tenant from resource_owner where kind = $1")
                .execute(Tuple.of(kind)).map(rows -> {
                    Map<String, String> owners = new HashMap<>();
                    rows.forEach(row -> owners.put(key(row.getString("provider"), row.getString("resource_id")),
                            row.getString("tenant")));
                    return owners;
                });
    }

    /** A provider and a resource id as one key; the NUL keeps "a"+"b/c" apart from "a/b"+"c". */
    public static String key(String provider, String id) {
        return provider + '\u0000' + id;
    }

    public Uni<Optional<String>> owner(String provider, String kind, String id) {
        return pool.preparedQuery("select tenant from resource_owner where provider = $1 and kind = $2"
                        + " and resource_id = $3")
                .execute(Tuple.of(provider, kind, id))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getString("tenant")));
    }

    /** Records the creator's tenant; a provider reusing the id of a destroyed resource hands it to the new creator. */
    public Uni<Void> claim(String provider, String kind, String id, String tenant) {
        return pool.preparedQuery("insert into resource_owner (provider, kind, resource_id, tenant)"
                        + " values ($1, $2, $3, $4) on conflict (provider, kind, resource_id)"
                        + " do update set tenant = excluded.tenant, created_at = now()")
                .execute(Tuple.of(provider, kind, id, tenant)).replaceWithVoid();
    }

    public Uni<Void> release(String provider, String kind, String id) {
        return pool.preparedQuery("delete from resource_owner where provider = $1 and kind = $2 and resource_id = $3")
                .execute(Tuple.of(provider, kind, id)).replaceWithVoid();
    }
}

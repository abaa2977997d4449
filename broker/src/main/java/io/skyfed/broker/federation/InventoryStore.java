package io.skyfed.broker.federation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.skyfed.broker.persistence.LocationKind;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.Realm;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The federated inventory in PostgreSQL (inventory_snapshot, inventory_item), so every replica serves what the
 * replica that ran a provider's refresh read. Writes are incremental (only changed items are written, vanished
 * ones deleted) and batched; reads page by id. Items are the drivers' own records as JSON.
 */
@ApplicationScoped
public class InventoryStore {

    /** Rows per insert batch and per read page: bounds what one statement holds in memory. */
    static final int PAGE = 500;

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The inventory_item.kind values. */
    enum Kind { INSTANCE, IMAGE, HARDWARE_PROFILE, REALM }

    /** What one successful read found, ready to store. */
    record Read(List<Instance> instances, List<Image> images, List<HardwareProfile> hardwareProfiles,
                List<Realm> realms, CapacityReport capacity) {
    }

    private final Pool pool;

    InventoryStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<String, InventorySnapshot>> snapshots() {
        return pool.query("""
                        select provider, driver, location, region, refreshed_at, attempted_at, last_error,
                               content_version, capacity::text as capacity
                        from inventory_snapshot""")
                .execute().map(rows -> {
                    Map<String, InventorySnapshot> all = new HashMap<>();
                    for (Row row : rows) {
                        String capacity = row.getString("capacity");
                        all.put(row.getString("provider"), new InventorySnapshot(row.getString("provider"),
                                row.getString("driver"), LocationKind.valueOf(row.getString("location")),
                                row.getString("region"), instant(row, "refreshed_at"), instant(row, "attempted_at"),
                                row.getString("last_error"), row.getLong("content_version"),
                                capacity == null ? null : read(capacity, CapacityReport.class)));
                    }
                    return all;
                });
    }

    /** Stores a successful read in one transaction; the content version moves only when an item changed. */
    Uni<Void> recordSuccess(ProviderEntity provider, Instant attempted, Read read) {
        return pool.withTransaction(connection -> upsertSnapshot(connection, provider, attempted, null,
                        read.capacity(), true)
                .flatMap(stored -> !stored ? Uni.createFrom().item(0L) : Multi.createFrom().items(
                                Map.entry(Kind.INSTANCE, ids(read.instances(), Instance::id)),
                                Map.entry(Kind.IMAGE, ids(read.images(), Image::id)),
                                Map.entry(Kind.HARDWARE_PROFILE, ids(read.hardwareProfiles(), HardwareProfile::id)),
                                Map.entry(Kind.REALM, ids(read.realms(), Realm::id)))
                        .onItem().transformToUniAndConcatenate(entry ->
                                replace(connection, provider.name, entry.getKey(), entry.getValue()))
                        .collect().with(java.util.stream.Collectors.summingLong(Long::longValue)))
                .flatMap(changed -> changed == 0 ? Uni.createFrom().voidItem()
                        : connection.preparedQuery("""
                                        update inventory_snapshot set content_version = content_version + 1
                                        where provider = $1""")
                                .execute(Tuple.of(provider.name)).replaceWithVoid()));
    }

    /** A failed read keeps the stored items (they grow stale) and records why. */
    Uni<Void> recordFailure(ProviderEntity provider, Instant attempted, String error) {
        return pool.withTransaction(connection -> upsertSnapshot(connection, provider, attempted, error, null, false))
                .replaceWithVoid();
    }

    /** Drops a provider's stored inventory, so it is read afresh (its settings changed). */
    Uni<Void> forget(String provider) {
        return pool.preparedQuery("delete from inventory_snapshot where provider = $1")
                .execute(Tuple.of(provider)).replaceWithVoid();
    }

    /** Every stored item of a provider, read page by page. */
    Uni<ProviderInventory> load(InventorySnapshot snapshot) {
        return items(snapshot.provider(), Kind.INSTANCE, Instance.class)
                .flatMap(instances -> items(snapshot.provider(), Kind.IMAGE, Image.class)
                        .flatMap(images -> items(snapshot.provider(), Kind.HARDWARE_PROFILE, HardwareProfile.class)
                                .flatMap(profiles -> items(snapshot.provider(), Kind.REALM, Realm.class)
                                        .map(realms -> new ProviderInventory(snapshot.provider(), snapshot.driver(),
                                                snapshot.location(), snapshot.region(), snapshot.refreshedAt(),
                                                snapshot.attemptedAt(), snapshot.lastError(), instances, images,
                                                profiles, realms, snapshot.capacity())))));
    }

    private <T> Uni<List<T>> items(String provider, Kind kind, Class<T> type) {
        List<T> all = new ArrayList<>();
        return page(provider, kind, "", type, all).replaceWith(all);
    }

    private <T> Uni<Void> page(String provider, Kind kind, String after, Class<T> type, List<T> into) {
        return pool.preparedQuery("""
                        select id, body::text as body from inventory_item
                        where provider = $1 and kind = $2 and id > $3 order by id limit $4""")
                .execute(Tuple.of(provider, kind.name(), after, PAGE))
                .flatMap(rows -> {
                    String last = null;
                    for (Row row : rows) {
                        into.add(read(row.getString("body"), type));
                        last = row.getString("id");
                    }
                    return rows.rowCount() < PAGE ? Uni.createFrom().voidItem() : page(provider, kind, last, type, into);
                });
    }

    /**
     * Writes the provider's snapshot row; emits false, writing nothing, when the provider was deleted while it was
     * being read (a refresh racing a delete must not fail on the foreign key, nor bring the provider's rows back).
     */
    private Uni<Boolean> upsertSnapshot(SqlConnection connection, ProviderEntity provider, Instant attempted,
                                        String error, CapacityReport capacity, boolean success) {
        return connection.preparedQuery("""
                        insert into inventory_snapshot (provider, driver, location, region, refreshed_at, attempted_at,
                                                        last_error, capacity)
                        select $1, $2, $3, $4, case when $7 then now() end, $5, $6, $8::text::jsonb
                        where exists (select 1 from provider where name = $1)
                        on conflict (provider) do update set
                            driver = excluded.driver, location = excluded.location, region = excluded.region,
                            refreshed_at = case when $7 then now() else inventory_snapshot.refreshed_at end,
                            attempted_at = excluded.attempted_at, last_error = excluded.last_error,
                            capacity = case when $7 then excluded.capacity else inventory_snapshot.capacity end""")
                .execute(Tuple.from(Arrays.asList(provider.name, provider.driver, provider.location.name(),
                        provider.region, attempted.atOffset(ZoneOffset.UTC), error, success,
                        capacity == null ? null : write(capacity))))
                .map(rows -> rows.rowCount() > 0);
    }

    /**
     * Makes the stored items of one kind equal to {@code items}: writes the new and changed ones in batches,
     * deletes the vanished ones. Emits how many rows changed.
     */
    private Uni<Long> replace(SqlConnection connection, String provider, Kind kind, Map<String, String> items) {
        List<Tuple> rows = new ArrayList<>(items.size());
        items.forEach((id, body) -> rows.add(Tuple.of(provider, kind.name(), id, body)));
        List<List<Tuple>> batches = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += PAGE) {
            batches.add(rows.subList(from, Math.min(rows.size(), from + PAGE)));
        }
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> connection.preparedQuery("""
                                insert into inventory_item (provider, kind, id, body) values ($1, $2, $3, $4::text::jsonb)
                                on conflict (provider, kind, id) do update set body = excluded.body
                                where inventory_item.body is distinct from excluded.body""")
                        .executeBatch(batch).map(InventoryStore::rowCount))
                .collect().with(java.util.stream.Collectors.summingLong(Long::longValue))
                .flatMap(written -> connection.preparedQuery("""
                                delete from inventory_item
                                where provider = $1 and kind = $2 and not (id = any($3::text[]))""")
                        .execute(Tuple.of(provider, kind.name(), items.keySet().toArray(String[]::new)))
                        .map(deleted -> written + deleted.rowCount()));
    }

    /** executeBatch answers one row set per tuple, chained. */
    private static long rowCount(RowSet<Row> first) {
        long count = 0;
        for (RowSet<Row> set = first; set != null; set = set.next()) {
            count += set.rowCount();
        }
        return count;
    }

    /** Sorted by id, so two replicas writing the same provider at once lock rows in the same order (no deadlock). */
    private static <T> Map<String, String> ids(List<T> items, Function<T, String> id) {
        Map<String, String> byId = new TreeMap<>();
        items.forEach(item -> byId.put(id.apply(item), write(item)));
        return byId;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}

package io.skyfed.broker.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster_task table: registration, the claim (one conditional update, so one replica wins), completion and
 * the run log. Plain SQL on the reactive pool: every statement is a single atomic step, no session needed.
 */
@ApplicationScoped
public class ClusterTaskStore {

    private static final TypeReference<Map<String, Object>> STATE = new TypeReference<>() { };

    private final Pool pool;
    private final ObjectMapper json;

    ClusterTaskStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Creates the tasks that do not exist yet, due at once. */
    public Uni<Void> register(List<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("insert into cluster_task (name) select unnest($1::text[]) on conflict do nothing")
                .execute(Tuple.of(names.toArray(String[]::new))).replaceWithVoid();
    }

    /** Removes tasks that no longer exist (a deleted provider's refresh), unless a replica is running them. */
    public Uni<Void> remove(List<String> names) {
        if (names.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("delete from cluster_task where name = any($1::text[]) and lease_owner is null")
                .execute(Tuple.of(names.toArray(String[]::new))).replaceWithVoid();
    }

    public Uni<List<ClusterTask>> list() {
        return pool.query("""
                        select name, next_run_at, lease_owner, lease_expires_at, last_run_at, last_run_by,
                               last_outcome, last_error, runs
                        from cluster_task order by name""")
                .execute().map(ClusterTaskStore::tasks);
    }

    /** Names of the tasks that are due and not held by a live lease. */
    public Uni<List<String>> due() {
        return pool.query("""
                        select name from cluster_task
                        where next_run_at <= now() and (lease_expires_at is null or lease_expires_at < now())
                        order by next_run_at""")
                .execute().map(rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(row -> names.add(row.getString("name")));
                    return names;
                });
    }

    /**
     * Claims a due task for {@code replica}: emits its state when this replica won, empty when another did (or
     * it is not due). The next run is scheduled at claim time, so a run that overruns does not shift the cadence.
     */
    public Uni<Optional<Map<String, Object>>> claim(String name, String replica, Duration interval, Duration lease) {
        return pool.preparedQuery("""
                        update cluster_task
                        set lease_owner = $2,
                            lease_expires_at = now() + make_interval(secs => $3),
                            next_run_at = now() + make_interval(secs => $4)
                        where name = $1 and next_run_at <= now()
                          and (lease_expires_at is null or lease_expires_at < now())
                        returning state::text as state""")
                .execute(Tuple.of(name, replica, seconds(lease), seconds(interval)))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty()
                        : Optional.of(parse(rows.iterator().next().getString("state"))));
    }

    /**
     * Records the end of a run and releases the lease, only if {@code replica} still holds it (a run that
     * outlived its lease, taken over by another replica, records nothing on the task but its own run-log row).
     */
    public Uni<Void> complete(String name, String replica, Instant startedAt, String error,
                              Map<String, Object> state) {
        String outcome = error == null ? "SUCCESS" : "FAILURE";
        OffsetDateTime started = startedAt.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(connection -> connection.preparedQuery("""
                                update cluster_task
                                set lease_owner = null, lease_expires_at = null, last_run_at = $3, last_run_by = $2,
                                    last_outcome = $4, last_error = $5, runs = runs + 1,
                                    state = coalesce($6::text::jsonb, state)
                                where name = $1 and lease_owner = $2""")
                        .execute(Tuple.from(Arrays.asList(name, replica, started, outcome, error,
                                state == null ? null : write(state))))
                        .flatMap(updated -> connection.preparedQuery("""
                                        insert into cluster_task_run (task, replica, started_at, finished_at, outcome, error)
                                        values ($1, $2, $3, now(), $4, $5)""")
                                .execute(Tuple.from(Arrays.asList(name, replica, started, outcome, error)))))
                .replaceWithVoid();
    }

    /** Makes a task due now (a capacity event asks the policy loop to decide at once). */
    public Uni<Void> runSoon(String name) {
        return pool.preparedQuery("update cluster_task set next_run_at = now() where name = $1")
                .execute(Tuple.of(name)).replaceWithVoid();
    }

    /** The state a task's last run left (empty when it never ran). */
    public Uni<Map<String, Object>> state(String name) {
        return pool.preparedQuery("select state::text as state from cluster_task where name = $1")
                .execute(Tuple.of(name))
                .map(rows -> rows.rowCount() == 0 ? Map.of() : parse(rows.iterator().next().getString("state")));
    }

    public Uni<Void> pruneRunLog() {
        return pool.query("delete from cluster_task_run where finished_at < now() - interval '1 day'")
                .execute().replaceWithVoid();
    }

    private static List<ClusterTask> tasks(RowSet<Row> rows) {
        List<ClusterTask> tasks = new ArrayList<>();
        for (Row row : rows) {
            tasks.add(new ClusterTask(row.getString("name"), instant(row, "next_run_at"),
                    row.getString("lease_owner"), instant(row, "lease_expires_at"), instant(row, "last_run_at"),
                    row.getString("last_run_by"), row.getString("last_outcome"), row.getString("last_error"),
                    row.getLong("runs")));
        }
        return tasks;
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private Map<String, Object> parse(String text) {
        try {
            return json.readValue(text, STATE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cluster_task.state is not a JSON object", e);
        }
    }

    private String write(Map<String, Object> state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("task state cannot be written as JSON", e);
        }
    }
}

package io.skyfed.broker.testing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Runs reactive persistence code from a test thread and waits for its result. */
public final class Db {

    private Db() {
    }

    public static <T> T inTransaction(Supplier<Uni<T>> work) {
        return await(() -> Panache.withTransaction(work));
    }

    public static <T> T await(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs plain SQL in its own transaction; emits the affected row count. */
    public static int execute(String sql) {
        return inTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(sql).executeUpdate()));
    }

    /** A single value from plain SQL. */
    public static <T> T scalar(String sql, Class<T> type) {
        return await(() -> Panache.withSession(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery(sql, type).getSingleResult())));
    }
}

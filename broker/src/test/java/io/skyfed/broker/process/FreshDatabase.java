package io.skyfed.broker.process;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An empty database of its own for one process-level test, so replicas share it and nothing else. Every database
 * made here is dropped when the test JVM exits (its brokers are gone by then), so runs leave none behind.
 */
public final class FreshDatabase {

    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> CREATED.forEach(name -> {
            try {
                drop(name);
            } catch (IllegalStateException e) {
                System.err.println("FreshDatabase: " + e.getMessage());
            }
        }), "drop-fresh-databases"));
    }

    private FreshDatabase() {
    }

    /** Creates {@code prefix_<random>} on the local server and returns its name. */
    public static String create(String prefix) {
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
            CREATED.add(name);
            return name;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Drops a database {@link #create} made, once no broker uses it any more (the JVM's exit does it anyway). */
    public static void drop(String name) {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name + ": " + e.getMessage(), e);
        }
    }

    public static Connection connect(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "");
    }
}

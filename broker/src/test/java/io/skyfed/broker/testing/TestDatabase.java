package io.skyfed.broker.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Creates the test database ({@code skyfed.database.name}, skyfed_test in the test profile) before Quarkus starts,
 * when it is missing, so the tests need nothing but a running PostgreSQL. Flyway then migrates it like any other.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        var config = ConfigProvider.getConfig();
        String host = config.getOptionalValue("skyfed.database.host", String.class).orElse("127.0.0.1");
        int port = config.getOptionalValue("skyfed.database.port", Integer.class).orElse(5432);
        String user = config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres");
        // skyfed_test unless -Dskyfed.database.name names another, so two builds can test side by side.
        String name = config.getOptionalValue("skyfed.database.name", String.class).orElse("skyfed_test");
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("test database name must be a plain identifier: " + name);
        }
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                user, config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))) {
            if (!exists(admin, name)) {
                try (Statement create = admin.createStatement()) {
                    create.execute("create database " + name);
                } catch (SQLException raced) {
                    if (!exists(admin, name)) {
                        throw raced;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("tests need PostgreSQL at " + host + ":" + port + " (user " + user
                    + "): " + e.getMessage(), e);
        }
        return Map.of();
    }

    private static boolean exists(Connection admin, String name) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void stop() {
        // The database is kept: tests isolate their data by unique names, and reruns migrate nothing.
    }
}

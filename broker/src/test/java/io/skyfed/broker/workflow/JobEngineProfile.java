package io.skyfed.broker.workflow;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The job engine on, with fast retries, and mock providers playing the sites of a migration: {@code site-a}
 * (on premise), {@code site-b} (public, imports only VMDK, so disks are converted on the way), {@code site-bad}
 * (corrupts every import), {@code site-slow} (instances take 2 s to come up, so a cancel can land mid-job) and
 * {@code site-locked} (refuses the broker's credentials, so every step touching it fails).
 */
public class JobEngineProfile implements QuarkusTestProfile {

    /** The provider properties of each site, so tests open the same mock clouds as the broker. */
    public static final Map<String, Map<String, String>> SITES = Map.of(
            "site-a", Map.of(),
            "site-b", Map.of("import-formats", "vmdk"),
            "site-bad", Map.of("corrupt-imports", "true"),
            "site-slow", Map.of("transition-delay-ms", "2000"),
            "site-locked", Map.of());

    /**
     * A database of its own, new for every run: the engine claims any runnable job it finds. System property
     * {@code skyfed.test.jobs-database} names another, so engineers sharing a server do not drop each other's.
     */
    static final String DATABASE = System.getProperty("skyfed.test.jobs-database", "skyfed_test_workflows");

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = engine();
        SITES.forEach((site, properties) -> mockSite(config, site, properties));
        return config;
    }

    /** A fresh database and the job engine on, with fast polls and retries: the base of every job test profile. */
    static Map<String, String> engine() {
        recreateDatabase();
        Map<String, String> config = new HashMap<>();
        config.put("skyfed.database.name", DATABASE);
        config.put("skyfed.jobs.enabled", "true");
        config.put("skyfed.jobs.concurrency", "2");
        config.put("skyfed.jobs.poll-interval", "100ms");
        config.put("skyfed.jobs.lease", "10s");
        config.put("skyfed.jobs.backoff-base", "50ms");
        config.put("skyfed.jobs.backoff-max", "200ms");
        config.put("skyfed.jobs.instance-timeout", "60s");
        return config;
    }

    /** Declares the mock provider {@code site} with {@code properties} in {@code config}. */
    static void mockSite(Map<String, String> config, String site, Map<String, String> properties) {
        String prefix = "skyfed.providers." + site + ".";
        config.put(prefix + "driver", "mock");
        config.put(prefix + "location", site.equals("site-a") ? "on-premise" : "public");
        config.put(prefix + "user", "mockuser");
        config.put(prefix + "secret", site.equals("site-locked") ? "not-the-password" : "mockpassword");
        properties.forEach((key, value) -> config.put(prefix + "properties.\"" + key + "\"", value));
    }

    private static void recreateDatabase() {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate " + DATABASE + ": " + e.getMessage(), e);
        }
    }
}

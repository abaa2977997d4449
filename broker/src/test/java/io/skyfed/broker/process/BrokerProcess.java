package io.skyfed.broker.process;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A broker as its own operating-system process, started from the packaged {@code quarkus-run.jar}: what the
 * multi-replica and crash tests need, since a killed JVM must really be gone. Run these tests with failsafe
 * ({@code *IT}), after {@code package}.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private BrokerProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts a broker on {@code database} with the given extra system properties and waits until it is ready. */
    public static BrokerProcess start(String name, String database, Map<String, String> properties) {
        Path jar = Path.of(System.getProperty("skyfed.broker.jar", "target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: process tests run after package (mvn verify)");
        }
        int port = freePort();
        Map<String, String> all = new LinkedHashMap<>();
        all.put("quarkus.http.port", Integer.toString(port));
        all.put("skyfed.database.name", database);
        all.put("skyfed.replica.name", name);
        all.put("skyfed.secrets.master-key", "c2t5ZmVkLXRlc3QtbWFzdGVyLWtleS0zMi1ieXRlcyE=");
        all.put("quarkus.log.file.enabled", "false");
        // As in the in-JVM tests: everything the broker's code could log, for SecretsNeverLoggedIT to scan.
        all.put("quarkus.log.category.\"io.skyfed\".level", "DEBUG");
        all.putAll(properties);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:TieredStopAtLevel=1");
        all.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        try {
            Path logs = Files.createDirectories(Path.of("target", "process-logs"));
            Path log = logs.resolve(name + "-" + Instant.now().toEpochMilli() + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            BrokerProcess broker = new BrokerProcess(name, port, log, process);
            broker.awaitReady(Duration.ofSeconds(120));
            return broker;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start broker " + name, e);
        }
    }

    /** Starts brokers named {@code names} side by side (start-up dominates these tests), each with {@code properties}. */
    public static List<BrokerProcess> startAll(String database, Map<String, String> properties, String... names)
            throws Exception {
        ExecutorService starting = Executors.newFixedThreadPool(names.length);
        try {
            List<Future<BrokerProcess>> started = new ArrayList<>();
            for (String name : names) {
                started.add(starting.submit(() -> start(name, database, properties)));
            }
            List<BrokerProcess> brokers = new ArrayList<>();
            for (Future<BrokerProcess> broker : started) {
                brokers.add(broker.get(5, java.util.concurrent.TimeUnit.MINUTES));
            }
            return brokers;
        } finally {
            starting.shutdown();
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hooks, no lease release, nothing flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Waits for the process to exit by itself (e.g. a crash hook); returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " still running after " + timeout + "; log: " + log);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " not ready within " + timeout + "; log: " + log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

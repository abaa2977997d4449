package io.skyfed.broker.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.broker.testing.Canaries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test of the broker (its own failsafe execution, declared last in broker/pom.xml) and reads
 * everything the suite logged: the in-JVM brokers of the unit tests (target/test-logs, io.skyfed at DEBUG) and the
 * packaged brokers of the process tests (target/process-logs). Fails on any secret the suite used: canary secrets,
 * the fixed test secrets, registered ones (issued API credentials, bearer tokens) and anything shaped like a JWT.
 */
class SecretsNeverLoggedIT {

    private static final List<Path> LOG_DIRS = List.of(Path.of("target", "test-logs"), Path.of("target", "process-logs"));
    /** A signed JWT: two base64url JSON segments ("eyJ" is the encoding of '{"'). */
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.");

    @Test
    void noSecretTheSuiteUsedAppearsInItsLogs() throws IOException {
        List<Path> logs = logs();
        assertThat(logs).as("logs of the test suite under %s (run the suite first)", LOG_DIRS).isNotEmpty();
        Set<String> canaries = new LinkedHashSet<>(Canaries.FIXED);
        canaries.addAll(registered());

        List<String> leaks = new ArrayList<>();
        long lines = 0;
        for (Path log : logs) {
            try (Stream<String> content = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                int number = 0;
                for (String line : (Iterable<String>) content::iterator) {
                    number++;
                    lines++;
                    String found = leak(line, canaries);
                    if (found != null && leaks.size() < 20) {
                        leaks.add(log + ":" + number + " contains " + found);
                    }
                }
            }
        }
        assertThat(lines).as("lines logged by the suite").isPositive();
        assertThat(leaks).as("secrets in the logs of the test suite").isEmpty();
    }

    /** What leaked in {@code line}, described without quoting it; null when nothing did. */
    private static String leak(String line, Set<String> canaries) {
        if (line.contains(Canaries.MARKER)) {
            return "a canary secret (" + Canaries.MARKER + "...)";
        }
        for (String canary : canaries) {
            if (line.contains(canary)) {
                return "a test secret starting " + canary.substring(0, Math.min(4, canary.length())) + "...";
            }
        }
        return JWT.matcher(line).find() ? "a JWT (bearer token)" : null;
    }

    private static List<Path> logs() throws IOException {
        List<Path> logs = new ArrayList<>();
        for (Path dir : LOG_DIRS) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.filter(Files::isRegularFile).forEach(logs::add);
                }
            }
        }
        return logs;
    }

    private static List<String> registered() {
        if (!Files.isDirectory(Canaries.REGISTERED)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Canaries.REGISTERED)) {
            List<String> secrets = new ArrayList<>();
            for (Path file : files.toList()) {
                Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(s -> !s.isBlank()).forEach(secrets::add);
            }
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

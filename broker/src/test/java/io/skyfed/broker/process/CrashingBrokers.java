package io.skyfed.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Brokers of the crash tests: quick to take a dead replica's job over (short lease, fast polls), and halting
 * themselves after a chosen step with the {@code skyfed.jobs.crash-after-step} hook (Runtime.halt, as kill -9: the
 * step's work done, not yet recorded).
 */
final class CrashingBrokers {

    private CrashingBrokers() {
    }

    /** Starts a broker that halts after {@code crashAfter} (null: never) with the extra {@code properties}. */
    static BrokerProcess start(String name, String database, Map<String, String> properties, String crashAfter) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("skyfed.jobs.lease", "3s");
        all.put("skyfed.jobs.poll-interval", "200ms");
        all.put("skyfed.jobs.backoff-base", "100ms");
        if (crashAfter != null) {
            all.put("skyfed.jobs.crash-after-step", crashAfter);
        }
        return BrokerProcess.start(name, database, all);
    }

    /** A broker that resumes the job and halts at its hook, possibly before it even reported ready. */
    static void runUntilHalted(String name, String database, Map<String, String> properties, String step)
            throws InterruptedException {
        try (BrokerProcess broker = start(name, database, properties, step)) {
            assertHalted(broker, step);
        } catch (IllegalStateException haltedWhileStarting) {
            assertThat(haltedWhileStarting.getMessage()).as("broker halted after " + step)
                    .contains("exited with 137");
        }
    }

    /** Waits for {@code broker} to halt at its hook after {@code step}. */
    static void assertHalted(BrokerProcess broker, String step) throws InterruptedException {
        assertThat(broker.awaitExit(Duration.ofMinutes(3))).as("broker halted after " + step).isEqualTo(137);
    }

    /** How often each step of the job was started, in plan order; every step must be done. */
    static Map<String, Integer> stepAttempts(String database, String job) throws Exception {
        Map<String, Integer> attempts = new LinkedHashMap<>();
        try (Connection db = FreshDatabase.connect(database);
                ResultSet rows = db.createStatement().executeQuery("select name, attempt, state from job_step"
                        + " where job_id = '" + job + "' order by ordinal")) {
            while (rows.next()) {
                assertThat(rows.getString("state")).as(rows.getString("name")).isEqualTo("DONE");
                attempts.put(rows.getString("name"), rows.getInt("attempt"));
            }
        }
        return attempts;
    }
}

package io.skyfed.broker.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.skyfed.broker.process.Rows.instant;
import static io.skyfed.broker.process.Rows.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two broker processes on one database (issue 6, "a job whose replica died is taken over once its lease
 * expires"): the replica that claimed a migration is held half-way through the disk transfer by the mock's gate,
 * keeps its lease by heartbeat for longer than a lease while alive, and is then killed with SIGKILL inside the
 * step. The other replica takes the job over only after the dead replica's lease has run out, re-runs the
 * interrupted step and finishes the job exactly once: one instance at the target, no image left at either
 * provider, and the steps and the audit log say which replica ran what.
 */
class TakeoverIT {

    /** Short, so the test is quick; long enough that a loaded machine does not delay a heartbeat past it. */
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final List<String> AFTER_TRANSFER = List.of("launch-target", "verify-target", "cut-over",
            "clean-up");

    @Test
    @Timeout(240)
    void aReplicaKilledInsideAStepLosesTheJobToAnotherReplicaOnlyAfterItsLease() throws Exception {
        String database = FreshDatabase.create("skyfed_takeover");
        MockCloudDir clouds = new MockCloudDir();
        MockGateDir gate = new MockGateDir();
        // Only the disk export holds; inventory reads of the gated provider pass.
        gate.open(MockGateDir.LIST_INSTANCES);
        DriverSession onprem = clouds.session("onprem");
        DriverSession cloud = clouds.session("cloud");
        String source = onprem.createInstance(InstanceSpec.ofImage("img1")).id();
        int cloudInstancesBefore = cloud.instances().size();
        int cloudImagesBefore = cloud.images(ImageFilter.ALL).size();
        int onpremImagesBefore = onprem.images(ImageFilter.ALL).size();
        Map<String, String> properties = new HashMap<>(clouds.brokerProperties("onprem", "cloud"));
        properties.put("skyfed.providers.onprem.properties.\"gate-dir\"", gate.property());
        properties.put("skyfed.jobs.lease", LEASE.toMillis() + "ms");
        properties.put("skyfed.jobs.poll-interval", "200ms");
        properties.put("skyfed.jobs.backoff-base", "100ms");

        List<BrokerProcess> brokers = BrokerProcess.startAll(database, properties, "replica-a", "replica-b");
        try (Connection db = FreshDatabase.connect(database)) {
            String workload = BrokerApi.register(brokers.get(0), "taken-over", "onprem", source);
            String job = BrokerApi.migrate(brokers.get(0), workload, "cloud");
            UUID id = UUID.fromString(job);

            // Whichever replica claimed the job is now inside transfer-disk, half of the disk read.
            BrokerProcess holder = gate.awaitHolder(MockGateDir.EXPORT_DISK, Duration.ofSeconds(60), brokers);
            BrokerProcess survivor = brokers.get(0) == holder ? brokers.get(1) : brokers.get(0);
            assertThat(text(db, "select lease_owner from job where id = ?", id)).isEqualTo(holder.name());
            assertThat(text(db, "select state || ' by ' || replica from job_step where job_id = ? and name = "
                    + "'transfer-disk'", id)).isEqualTo("RUNNING by " + holder.name());

            // Alive, it keeps the job for longer than one lease: the heartbeat renews it, nobody takes it.
            Instant firstExpiry = instant(db, "select lease_expires_at from job where id = ?", id);
            await().atMost(LEASE.multipliedBy(4)).pollInterval(Duration.ofMillis(100))
                    .until(() -> instant(db, "select clock_timestamp()")
                            .isAfter(firstExpiry.plus(LEASE)));
            assertThat(text(db, "select lease_owner || ' attempt ' || attempt from job where id = ?"
                    + " and lease_expires_at > clock_timestamp()", id)).isEqualTo(holder.name() + " attempt 1");

            holder.kill();
            Instant deadLeaseEnds = instant(db, "select lease_expires_at from job where id = ?", id);
            gate.open(MockGateDir.EXPORT_DISK);

            JsonNode done = BrokerApi.awaitEnd(survivor, job, Duration.ofSeconds(90));
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
            assertThat(done.get("attempt").asInt()).as("claimed twice: once by each replica").isEqualTo(2);

            // The survivor's claim waited for the dead replica's lease, and came soon after it.
            Instant takenOver = instant(db, "select occurred_at from audit_event where action = 'job.taken-over'"
                    + " and target_id = ?", job);
            assertThat(takenOver).isAfter(deadLeaseEnds);
            assertThat(Duration.between(deadLeaseEnds, takenOver)).isLessThan(Duration.ofSeconds(10));
            assertThat(text(db, "select details->>'from' || ' -> ' || (details->>'replica') || ' at '"
                    + " || (details->>'step') from audit_event"
                    + " where action = 'job.taken-over' and target_id = ?", job))
                    .isEqualTo(holder.name() + " -> " + survivor.name() + " at transfer-disk");

            // Which replica ran what, as the API shows it on the survivor.
            Map<String, String> ranBy = new LinkedHashMap<>();
            done.get("steps").forEach(step -> ranBy.put(step.get("name").asText(),
                    step.get("replica").asText() + " attempt " + step.get("attempt").asInt()));
            assertThat(ranBy).containsEntry("stop-source", holder.name() + " attempt 1")
                    .containsEntry("transfer-disk", survivor.name() + " attempt 2");
            AFTER_TRANSFER.forEach(step -> assertThat(ranBy).containsEntry(step, survivor.name() + " attempt 1"));
            assertThat(text(db, "select count(*)::text from audit_event where action = 'job.succeeded'"
                    + " and target_id = ?", job)).as("finished exactly once").isEqualTo("1");

            // Exactly one instance at the target; the half-done import and the imported image are gone.
            String target = done.get("outcome").get("instanceId").asText();
            assertThat(cloud.instances()).hasSize(cloudInstancesBefore + 1).extracting(Instance::id).contains(target);
            assertThat(cloud.images(ImageFilter.ALL)).hasSize(cloudImagesBefore);
            assertThat(onprem.images(ImageFilter.ALL)).hasSize(onpremImagesBefore);
            assertThat(onprem.instances()).extracting(Instance::id).doesNotContain(source);
        } finally {
            for (BrokerProcess broker : brokers) {
                broker.close();
            }
        }
    }
}

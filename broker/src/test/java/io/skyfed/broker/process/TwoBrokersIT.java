package io.skyfed.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two broker processes on one database and one pair of clouds, both running jobs: every job runs exactly once
 * (each step started once, by one replica) and the clouds hold exactly one migrated instance per job.
 */
class TwoBrokersIT {

    private static final int MIGRATIONS = 8;

    @Test
    @Timeout(900)
    void twoReplicasNeverRunTheSameJobTwice() throws Exception {
        String database = FreshDatabase.create("skyfed_pair");
        MockCloudDir clouds = new MockCloudDir();
        DriverSession onprem = clouds.session("onprem");
        DriverSession cloud = clouds.session("cloud");
        int cloudInstancesBefore = cloud.instances().size();
        int cloudImagesBefore = cloud.images(ImageFilter.ALL).size();
        Map<String, String> properties = new HashMap<>(clouds.brokerProperties("onprem", "cloud"));
        properties.put("skyfed.jobs.concurrency", "3");
        properties.put("skyfed.jobs.poll-interval", "100ms");

        try (BrokerProcess a = BrokerProcess.start("replica-a", database, properties);
                BrokerProcess b = BrokerProcess.start("replica-b", database, properties)) {
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < MIGRATIONS; i++) {
                BrokerProcess via = i % 2 == 0 ? a : b;
                String source = onprem.createInstance(InstanceSpec.ofImage("img1")).id();
                jobs.add(BrokerApi.migrate(via, BrokerApi.register(via, "pair-" + i, "onprem", source), "cloud"));
            }
            Set<String> targets = new HashSet<>();
            for (String job : jobs) {
                JsonNode done = BrokerApi.awaitEnd(a, job, Duration.ofMinutes(5));
                assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
                targets.add(done.get("outcome").get("instanceId").asText());
                CrashingBrokers.stepAttempts(database, job)
                        .forEach((step, attempts) -> assertThat(attempts).as(job + " " + step).isEqualTo(1));
            }
            assertThat(targets).hasSize(MIGRATIONS);
            assertThat(cloud.instances()).hasSize(cloudInstancesBefore + MIGRATIONS)
                    .extracting(Instance::id).containsAll(targets);
            assertThat(cloud.images(ImageFilter.ALL)).hasSize(cloudImagesBefore);
            assertThat(replicasThatRanJobs(database)).as("both replicas took jobs").hasSize(2);
        }
    }

    /** The replicas that finished jobs, as the engine's audit entries name them. */
    private static Set<String> replicasThatRanJobs(String database) throws Exception {
        Set<String> owners = new HashSet<>();
        try (Connection db = FreshDatabase.connect(database);
                ResultSet rows = db.createStatement().executeQuery(
                        "select distinct details->>'replica' as replica from audit_event where action = 'job.succeeded'")) {
            while (rows.next()) {
                owners.add(rows.getString("replica"));
            }
        }
        return owners;
    }
}

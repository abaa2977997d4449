package io.skyfed.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One cold migration, and a broker process killed at every step of it: each broker halts (the
 * {@code skyfed.jobs.crash-after-step} hook: Runtime.halt, no shutdown hooks, at the worst moment: the step's
 * work done, not yet recorded) and the next one takes the job over once the lease runs out. The job must finish
 * exactly once: one instance at the target, no image left, the source gone, every step done.
 */
class CrashResumeIT {

    private static final List<String> STEPS = List.of("stop-source", "transfer-disk", "launch-target",
            "verify-target", "cut-over", "clean-up");

    @Test
    @Timeout(1200)
    void aBrokerKilledAtEveryStepStillCompletesTheMigrationExactlyOnce() throws Exception {
        String database = FreshDatabase.create("skyfed_crash");
        MockCloudDir clouds = new MockCloudDir();
        DriverSession onprem = clouds.session("onprem");
        DriverSession cloud = clouds.session("cloud");
        String source = onprem.createInstance(InstanceSpec.ofImage("img1")).id();
        int cloudInstancesBefore = cloud.instances().size();
        int cloudImagesBefore = cloud.images(ImageFilter.ALL).size();

        String job;
        try (BrokerProcess first = start("crash-0", database, clouds, STEPS.get(0))) {
            String workload = BrokerApi.register(first, "crashy", "onprem", source);
            job = BrokerApi.migrate(first, workload, "cloud");
            CrashingBrokers.assertHalted(first, STEPS.get(0));
        }
        for (int i = 1; i < STEPS.size(); i++) {
            CrashingBrokers.runUntilHalted("crash-" + i, database, clouds.brokerProperties("onprem", "cloud"),
                    STEPS.get(i));
        }
        JsonNode done;
        try (BrokerProcess last = start("survivor", database, clouds, null)) {
            done = BrokerApi.awaitEnd(last, job, Duration.ofMinutes(3));
        }

        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("SUCCEEDED");
        String target = done.get("outcome").get("instanceId").asText();
        assertThat(cloud.instances()).as("exactly one new instance").hasSize(cloudInstancesBefore + 1)
                .extracting(Instance::id).contains(target);
        assertThat(cloud.images(ImageFilter.ALL)).as("the imported image is cleaned up").hasSize(cloudImagesBefore);
        assertThat(onprem.instances()).extracting(Instance::id).doesNotContain(source);
        Map<String, Integer> attempts = CrashingBrokers.stepAttempts(database, job);
        // Each step ran once, and once more after the broker that ran it died before recording it.
        STEPS.forEach(step -> assertThat(attempts.get(step)).as(step).isEqualTo(2));
    }

    private static BrokerProcess start(String name, String database, MockCloudDir clouds, String crashAfter) {
        return CrashingBrokers.start(name, database, clouds.brokerProperties("onprem", "cloud"), crashAfter);
    }
}

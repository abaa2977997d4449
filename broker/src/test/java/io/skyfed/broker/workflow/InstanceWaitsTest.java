package io.skyfed.broker.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.mock.MockDriverFactory;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.ProviderSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Waiting for instance states on a mock cloud whose transitions take 500 ms. */
class InstanceWaitsTest {

    private final DriverSession slow = new MockDriverFactory().connect(new Credentials("mockuser", "mockpassword"),
            new ProviderSettings("waits-" + UUID.randomUUID(), null, null,
                    Map.of(MockDriverFactory.TRANSITION_DELAY_MS, "500")));

    @Test
    void theWaitHoldsNoThreadBetweenPollsAndEmitsTheStateReached() throws Exception {
        String id = slow.createInstance(InstanceSpec.ofImage("img1")).id();
        assertThat(slow.instance(id).state()).isEqualTo(InstanceState.PENDING);
        AtomicInteger polls = new AtomicInteger();
        CompletableFuture<Instance> reached = new CompletableFuture<>();

        // Subscribing returns at once: the polls run on the worker pool, the pauses on timers.
        InstanceWaits.reach(slow, id, Set.of(InstanceState.RUNNING), Duration.ofSeconds(30), polls::incrementAndGet)
                .subscribe().with(reached::complete, reached::completeExceptionally);
        assertThat(reached).isNotDone();

        assertThat(reached.get(30, TimeUnit.SECONDS).state()).isEqualTo(InstanceState.RUNNING);
        assertThat(polls.get()).as("re-polled while the instance was pending").isPositive();
    }

    @Test
    void aStateNotReachedInTimeFailsWithWhatWasSeen() {
        String id = slow.createInstance(InstanceSpec.ofImage("img1")).id();
        assertThatThrownBy(() -> InstanceWaits.until(slow, id, Set.of(InstanceState.STOPPED), Duration.ofMillis(300),
                () -> { })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is PENDING, not [STOPPED], after PT0.3S");
    }

    @Test
    void aCancelBetweenPollsEndsTheWait() {
        String id = slow.createInstance(InstanceSpec.ofImage("img1")).id();
        assertThatThrownBy(() -> InstanceWaits.until(slow, id, Set.of(InstanceState.STOPPED), Duration.ofSeconds(30),
                () -> {
                    throw new JobCancelledException();
                })).isInstanceOf(JobCancelledException.class);
    }
}

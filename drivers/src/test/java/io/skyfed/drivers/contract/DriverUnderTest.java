package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.NotFoundException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the contract interfaces need of the test that runs them; {@link DriverContractTest} provides it, and so can a
 * test that runs one collection's contract on its own (a collection a driver offers only with some settings).
 */
public interface DriverUnderTest {

    /** The factory under test (a fresh one per test, or a shared one: either works). */
    DriverFactory factory();

    /** The session opened for this test, closed after it. */
    DriverSession session();

    /** The image instance tests boot: the first one listed, unless the test says otherwise. */
    default String imageForTests() {
        return session().images(ImageFilter.ALL).get(0).id();
    }

    /** How long a state change may take before the test fails. */
    default Duration transitionTimeout() {
        return Duration.ofSeconds(30);
    }

    /** Polls until the instance is in {@code state}, failing at the deadline. */
    default Instance awaitState(String instanceId, InstanceState state) {
        long deadline = System.nanoTime() + transitionTimeout().toNanos();
        Instance current = session().instance(instanceId);
        while (current.state() != state) {
            assertThat(System.nanoTime()).as(instanceId + " to reach " + state + ", still " + current.state())
                    .isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            current = session().instance(instanceId);
        }
        return current;
    }

    /** Polls until the instance is gone or in FINISH, failing at the deadline. */
    default void awaitGone(String instanceId) {
        long deadline = System.nanoTime() + transitionTimeout().toNanos();
        while (true) {
            try {
                if (session().instance(instanceId).state() == InstanceState.FINISH) {
                    return;
                }
            } catch (NotFoundException gone) {
                return;
            }
            assertThat(System.nanoTime()).as(instanceId + " to disappear").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}

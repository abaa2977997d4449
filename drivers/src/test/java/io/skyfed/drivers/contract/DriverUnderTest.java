package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;

import java.time.Duration;

/** What the contract interfaces need of the test that runs them; {@link DriverContractTest} provides it. */
public interface DriverUnderTest {

    /** The factory under test (a fresh one per test, or a shared one: either works). */
    DriverFactory factory();

    /** The session opened for this test, closed after it. */
    DriverSession session();

    /** The image instance tests boot. */
    String imageForTests();

    /** How long a state change may take before the test fails. */
    Duration transitionTimeout();

    /** Polls until the instance is in {@code state}, failing at the deadline. */
    Instance awaitState(String instanceId, InstanceState state);

    /** Polls until the instance is gone or in FINISH, failing at the deadline. */
    void awaitGone(String instanceId);
}

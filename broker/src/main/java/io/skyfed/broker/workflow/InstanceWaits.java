package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Polls a provider until an instance reaches a state: providers report transitions, they do not push them. */
final class InstanceWaits {

    private static final Duration POLL = Duration.ofMillis(200);

    private InstanceWaits() {
    }

    static Instance until(DriverSession session, String id, Set<InstanceState> wanted, Duration timeout,
                          Runnable betweenPolls) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Instance instance = session.instance(id);
            if (wanted.contains(instance.state())) {
                return instance;
            }
            if (instance.state() == InstanceState.ERROR) {
                throw new PermanentFailure("instance " + id + " went into ERROR");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("instance " + id + " is " + instance.state() + ", not " + wanted
                        + ", after " + timeout);
            }
            betweenPolls.run();
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for instance " + id, e);
            }
        }
    }

    static Optional<Instance> find(DriverSession session, String id) {
        try {
            return Optional.of(session.instance(id));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    static Optional<Instance> named(DriverSession session, String name) {
        return session.instances().stream().filter(i -> i.name().equals(name))
                .filter(i -> i.state() != InstanceState.FINISH).findFirst();
    }
}

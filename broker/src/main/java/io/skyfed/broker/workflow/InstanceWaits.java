package io.skyfed.broker.workflow;

import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.NotFoundException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Waits until an instance reaches a state: providers report transitions, they do not push them. Each poll is a
 * blocking driver call on the worker pool; the next poll is scheduled on a timer, so no thread sleeps between
 * polls and nothing spins.
 */
final class InstanceWaits {

    private static final Duration POLL = Duration.ofMillis(200);

    /** Not there yet: poll again. Carries no stack, it is control flow. */
    private static final class NotYet extends RuntimeException {
        NotYet() {
            super(null, null, false, false);
        }
    }

    private InstanceWaits() {
    }

    /**
     * Emits the instance once it is in one of {@code wanted}; fails when it goes into ERROR ({@link PermanentFailure})
     * or is still elsewhere after {@code timeout}. {@code betweenPolls} runs after each poll that must be repeated
     * (a cancel check may throw from it, which ends the wait).
     */
    static Uni<Instance> reach(DriverSession session, String id, Set<InstanceState> wanted, Duration timeout,
                               Runnable betweenPolls) {
        Instant deadline = Instant.now().plus(timeout);
        return Uni.createFrom().item(() -> session.instance(id))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(instance -> {
                    if (wanted.contains(instance.state())) {
                        return instance;
                    }
                    if (instance.state() == InstanceState.ERROR) {
                        throw new PermanentFailure("instance " + id + " went into ERROR");
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("instance " + id + " is " + instance.state() + ", not "
                                + wanted + ", after " + timeout);
                    }
                    betweenPolls.run();
                    throw new NotYet();
                })
                .onFailure(NotYet.class).retry().withBackOff(POLL, POLL).withJitter(0).indefinitely();
    }

    /** {@link #reach} for a step, which runs synchronously on its job slot: the slot waits for the outcome. */
    static Instance until(DriverSession session, String id, Set<InstanceState> wanted, Duration timeout,
                          Runnable betweenPolls) {
        return reach(session, id, wanted, timeout, betweenPolls).await().indefinitely();
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

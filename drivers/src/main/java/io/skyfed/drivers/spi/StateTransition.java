package io.skyfed.drivers.spi;

import java.util.Objects;
import java.util.Optional;

/** One edge of an instance state machine: taken on {@code action}, or by the provider itself when action is null. */
public record StateTransition(InstanceState from, InstanceState to, InstanceAction action) {

    public StateTransition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public static StateTransition on(InstanceState from, InstanceAction action, InstanceState to) {
        return new StateTransition(from, to, Objects.requireNonNull(action, "action"));
    }

    public static StateTransition automatically(InstanceState from, InstanceState to) {
        return new StateTransition(from, to, null);
    }

    public boolean automatic() {
        return action == null;
    }

    public Optional<InstanceAction> actionIfAny() {
        return Optional.ofNullable(action);
    }
}

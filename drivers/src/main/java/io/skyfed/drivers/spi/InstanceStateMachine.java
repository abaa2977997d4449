package io.skyfed.drivers.spi;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A driver's instance life cycle, as Deltacloud's {@code /api/instance_states} shows it: the states in order of
 * first appearance, and the transitions between them. Drivers use {@link #actionsIn} to say which actions an
 * instance offers; the API renders the whole graph.
 */
public record InstanceStateMachine(List<StateTransition> transitions) {

    public InstanceStateMachine {
        transitions = List.copyOf(transitions);
        if (transitions.isEmpty()) {
            throw new IllegalArgumentException("a state machine needs at least one transition");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every state, in order of first appearance (START first for a conventional machine). */
    public List<InstanceState> states() {
        Set<InstanceState> states = new LinkedHashSet<>();
        for (StateTransition t : transitions) {
            states.add(t.from());
            states.add(t.to());
        }
        return List.copyOf(states);
    }

    /** The transitions leaving {@code state}. */
    public List<StateTransition> from(InstanceState state) {
        return transitions.stream().filter(t -> t.from() == state).toList();
    }

    /** The client actions allowed in {@code state}. */
    public Set<InstanceAction> actionsIn(InstanceState state) {
        Set<InstanceAction> actions = EnumSet.noneOf(InstanceAction.class);
        from(state).forEach(t -> t.actionIfAny().ifPresent(actions::add));
        return actions;
    }

    /** Where {@code action} leads from {@code state}; empty when the action is not allowed there. */
    public Optional<InstanceState> next(InstanceState state, InstanceAction action) {
        return from(state).stream().filter(t -> t.action() == action).map(StateTransition::to).findFirst();
    }

    /** Where the provider moves an instance in {@code state} by itself; empty when it stays. */
    public Optional<InstanceState> automaticNext(InstanceState state) {
        return from(state).stream().filter(StateTransition::automatic).map(StateTransition::to).findFirst();
    }

    /** Fluent construction: {@code builder().on(START, CREATE, PENDING).automatically(PENDING, RUNNING).build()}. */
    public static final class Builder {
        private final List<StateTransition> transitions = new ArrayList<>();

        public Builder on(InstanceState from, InstanceAction action, InstanceState to) {
            transitions.add(StateTransition.on(from, action, to));
            return this;
        }

        public Builder automatically(InstanceState from, InstanceState to) {
            transitions.add(StateTransition.automatically(from, to));
            return this;
        }

        public InstanceStateMachine build() {
            return new InstanceStateMachine(transitions);
        }
    }
}

package io.skyfed.drivers.spi;

import io.skyfed.drivers.mock.MockDriverFactory;
import org.junit.jupiter.api.Test;

import static io.skyfed.drivers.spi.InstanceAction.CREATE;
import static io.skyfed.drivers.spi.InstanceAction.DESTROY;
import static io.skyfed.drivers.spi.InstanceAction.REBOOT;
import static io.skyfed.drivers.spi.InstanceAction.START;
import static io.skyfed.drivers.spi.InstanceAction.STOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InstanceStateMachineTest {

    private final InstanceStateMachine machine = MockDriverFactory.STATES;

    @Test
    void listsStatesInOrderOfFirstAppearance() {
        assertThat(machine.states()).containsExactly(InstanceState.START, InstanceState.PENDING, InstanceState.RUNNING,
                InstanceState.STOPPING, InstanceState.FINISH, InstanceState.STOPPED);
    }

    @Test
    void knowsTheActionsOfEachState() {
        assertThat(machine.actionsIn(InstanceState.START)).containsExactly(CREATE);
        assertThat(machine.actionsIn(InstanceState.PENDING)).isEmpty();
        assertThat(machine.actionsIn(InstanceState.RUNNING)).containsExactlyInAnyOrder(STOP, REBOOT, DESTROY);
        assertThat(machine.actionsIn(InstanceState.STOPPED)).containsExactlyInAnyOrder(START, DESTROY);
    }

    @Test
    void followsActionsAndAutomaticTransitions() {
        assertThat(machine.next(InstanceState.RUNNING, STOP)).contains(InstanceState.STOPPING);
        assertThat(machine.next(InstanceState.STOPPED, STOP)).isEmpty();
        assertThat(machine.automaticNext(InstanceState.PENDING)).contains(InstanceState.RUNNING);
        assertThat(machine.automaticNext(InstanceState.RUNNING)).isEmpty();
    }

    @Test
    void refusesAnEmptyMachine() {
        assertThatThrownBy(() -> InstanceStateMachine.builder().build()).isInstanceOf(IllegalArgumentException.class);
    }
}

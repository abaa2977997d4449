package io.skyfed.drivers.rhevm;

import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every VmStatus of the oVirt API v4 has its Deltacloud state, and every state an action out of it. */
class RhevmStatesTest {

    private static final Map<String, InstanceState> DOCUMENTED = Map.ofEntries(
            Map.entry("up", InstanceState.RUNNING), Map.entry("reboot_in_progress", InstanceState.RUNNING),
            Map.entry("migrating", InstanceState.RUNNING), Map.entry("powering_up", InstanceState.PENDING),
            Map.entry("wait_for_launch", InstanceState.PENDING), Map.entry("image_locked", InstanceState.PENDING),
            Map.entry("restoring_state", InstanceState.PENDING), Map.entry("powering_down", InstanceState.STOPPING),
            Map.entry("saving_state", InstanceState.STOPPING), Map.entry("down", InstanceState.STOPPED),
            Map.entry("suspended", InstanceState.STOPPED), Map.entry("paused", InstanceState.STOPPED),
            Map.entry("not_responding", InstanceState.ERROR), Map.entry("unknown", InstanceState.ERROR),
            Map.entry("unassigned", InstanceState.ERROR), Map.entry("image_illegal", InstanceState.ERROR));

    @Test
    void everyEngineStatusHasItsState() {
        DOCUMENTED.forEach((status, state) -> assertThat(RhevmStates.of(status)).as(status).isEqualTo(state));
        assertThat(RhevmStates.of(null)).isEqualTo(InstanceState.ERROR);
    }

    @Test
    void everyReportedStateCanBeDestroyedAndStoppedOnesStarted() {
        for (InstanceState state : DOCUMENTED.values()) {
            assertThat(RhevmStates.MACHINE.actionsIn(state)).as(state.name()).contains(InstanceAction.DESTROY);
        }
        assertThat(RhevmStates.MACHINE.actionsIn(InstanceState.STOPPED)).contains(InstanceAction.START);
        assertThat(RhevmStates.MACHINE.actionsIn(InstanceState.RUNNING))
                .contains(InstanceAction.STOP, InstanceAction.REBOOT).doesNotContain(InstanceAction.START);
    }
}

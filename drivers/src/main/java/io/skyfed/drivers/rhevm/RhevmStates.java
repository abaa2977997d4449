package io.skyfed.drivers.rhevm;

import static io.skyfed.drivers.spi.InstanceState.ERROR;
import static io.skyfed.drivers.spi.InstanceState.FINISH;
import static io.skyfed.drivers.spi.InstanceState.PENDING;
import static io.skyfed.drivers.spi.InstanceState.RUNNING;
import static io.skyfed.drivers.spi.InstanceState.START;
import static io.skyfed.drivers.spi.InstanceState.STOPPED;
import static io.skyfed.drivers.spi.InstanceState.STOPPING;

import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InstanceStateMachine;

/**
 * An oVirt VM's life cycle (the VmStatus enum of API v4). Creating clones the template's disks (image_locked),
 * then the driver boots the VM; stop is a guest shutdown (powering_down); destroy powers off and removes the VM,
 * so it is allowed in every state.
 */
final class RhevmStates {

    static final InstanceStateMachine MACHINE = InstanceStateMachine.builder()
            .on(START, InstanceAction.CREATE, PENDING)
            .automatically(PENDING, RUNNING)
            .on(PENDING, InstanceAction.DESTROY, FINISH)
            .on(RUNNING, InstanceAction.REBOOT, RUNNING)
            .on(RUNNING, InstanceAction.STOP, STOPPING)
            .on(RUNNING, InstanceAction.DESTROY, FINISH)
            .automatically(STOPPING, STOPPED)
            .on(STOPPING, InstanceAction.DESTROY, FINISH)
            .on(STOPPED, InstanceAction.START, PENDING)
            .on(STOPPED, InstanceAction.DESTROY, FINISH)
            .on(ERROR, InstanceAction.DESTROY, FINISH)
            .build();

    private RhevmStates() {
    }

    static InstanceState of(String status) {
        return switch (status == null ? "unknown" : status) {
            case "up", "reboot_in_progress", "migrating" -> RUNNING;
            case "powering_up", "wait_for_launch", "image_locked", "restoring_state" -> PENDING;
            case "powering_down", "saving_state" -> STOPPING;
            case "down", "suspended", "paused" -> STOPPED;
            default -> ERROR; // not_responding, unknown, unassigned, image_illegal: the engine has lost the VM
        };
    }
}

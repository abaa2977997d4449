package io.skyfed.drivers.vsphere;

import static io.skyfed.drivers.spi.InstanceState.FINISH;
import static io.skyfed.drivers.spi.InstanceState.RUNNING;
import static io.skyfed.drivers.spi.InstanceState.START;
import static io.skyfed.drivers.spi.InstanceState.STOPPED;

import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InstanceStateMachine;

/**
 * A vSphere VM's life cycle, as the Automation API's power states show it. vCenter completes power operations
 * before it answers (start, hard stop, reset), so there are no transitional states: a deploy with
 * {@code powered_on} returns a running VM, stop is a hard power-off, reboot a reset. A suspended VM counts as
 * stopped: starting it resumes it. Destroy powers the VM off first, since vCenter refuses to delete a running VM.
 */
final class VsphereStates {

    static final InstanceStateMachine MACHINE = InstanceStateMachine.builder()
            .on(START, InstanceAction.CREATE, RUNNING)
            .on(RUNNING, InstanceAction.REBOOT, RUNNING)
            .on(RUNNING, InstanceAction.STOP, STOPPED)
            .on(RUNNING, InstanceAction.DESTROY, FINISH)
            .on(STOPPED, InstanceAction.START, RUNNING)
            .on(STOPPED, InstanceAction.DESTROY, FINISH)
            .build();

    private VsphereStates() {
    }

    /** Maps {@code power_state} (POWERED_ON, POWERED_OFF, SUSPENDED). */
    static InstanceState of(String powerState) {
        return switch (powerState) {
            case "POWERED_ON" -> RUNNING;
            case "POWERED_OFF", "SUSPENDED" -> STOPPED;
            default -> throw new IllegalArgumentException("unknown vSphere power state " + powerState);
        };
    }
}

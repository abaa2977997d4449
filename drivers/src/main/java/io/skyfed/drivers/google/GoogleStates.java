package io.skyfed.drivers.google;

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
 * Compute Engine's instance life cycle ("Instance life cycle" in the Compute Engine docs). TERMINATED is GCE's word
 * for a stopped instance, not a deleted one; a deleted instance is simply gone.
 */
final class GoogleStates {

    static final InstanceStateMachine MACHINE = InstanceStateMachine.builder()
            .on(START, InstanceAction.CREATE, PENDING)
            .automatically(PENDING, RUNNING)
            .on(PENDING, InstanceAction.DESTROY, FINISH)
            .on(RUNNING, InstanceAction.REBOOT, RUNNING)
            .on(RUNNING, InstanceAction.STOP, STOPPING)
            .on(RUNNING, InstanceAction.DESTROY, FINISH)
            .automatically(STOPPING, STOPPED)
            .on(STOPPED, InstanceAction.START, PENDING)
            .on(STOPPED, InstanceAction.DESTROY, FINISH)
            .build();

    private GoogleStates() {
    }

    /** Maps GCE's status (PROVISIONING, STAGING, RUNNING, STOPPING, STOPPED, SUSPENDING, SUSPENDED, TERMINATED, REPAIRING). */
    static InstanceState of(String status) {
        return switch (status == null ? "" : status) {
            case "PROVISIONING", "STAGING", "REPAIRING" -> PENDING;
            case "RUNNING" -> RUNNING;
            case "STOPPING", "SUSPENDING" -> STOPPING;
            case "STOPPED", "SUSPENDED", "TERMINATED" -> STOPPED;
            default -> InstanceState.ERROR;
        };
    }
}

package io.skyfed.drivers.libvirt;

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
import org.libvirt.DomainInfo.DomainState;

/**
 * A libvirt domain's life cycle. Creating defines and boots the domain in one go; stopping asks the guest to shut
 * down (ACPI): a real libvirtd shows the domain running until the guest powers off (its shutdown state, STOPPING,
 * lasts only between the guest's power-off and QEMU's exit; the test driver shows it until then), so callers wait
 * for STOPPED; destroying pulls the plug and undefines it.
 */
final class LibvirtStates {

    static final InstanceStateMachine MACHINE = InstanceStateMachine.builder()
            .on(START, InstanceAction.CREATE, RUNNING)
            .on(RUNNING, InstanceAction.REBOOT, RUNNING)
            .on(RUNNING, InstanceAction.STOP, STOPPING)
            .on(RUNNING, InstanceAction.DESTROY, FINISH)
            .automatically(STOPPING, STOPPED)
            .on(STOPPING, InstanceAction.DESTROY, FINISH)
            .on(PENDING, InstanceAction.DESTROY, FINISH)
            .automatically(PENDING, RUNNING)
            .on(STOPPED, InstanceAction.START, RUNNING)
            .on(STOPPED, InstanceAction.DESTROY, FINISH)
            .on(ERROR, InstanceAction.DESTROY, FINISH)
            .build();

    private LibvirtStates() {
    }

    static InstanceState of(DomainState state) {
        return switch (state) {
            case VIR_DOMAIN_RUNNING, VIR_DOMAIN_BLOCKED -> RUNNING;
            case VIR_DOMAIN_SHUTDOWN -> STOPPING;
            case VIR_DOMAIN_SHUTOFF, VIR_DOMAIN_PAUSED, VIR_DOMAIN_PMSUSPENDED -> STOPPED;
            case VIR_DOMAIN_NOSTATE -> PENDING;
            case VIR_DOMAIN_CRASHED -> ERROR;
        };
    }
}

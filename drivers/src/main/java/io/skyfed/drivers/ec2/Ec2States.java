package io.skyfed.drivers.ec2;

import static io.skyfed.drivers.spi.InstanceState.FINISH;
import static io.skyfed.drivers.spi.InstanceState.PENDING;
import static io.skyfed.drivers.spi.InstanceState.RUNNING;
import static io.skyfed.drivers.spi.InstanceState.SHUTTING_DOWN;
import static io.skyfed.drivers.spi.InstanceState.START;
import static io.skyfed.drivers.spi.InstanceState.STOPPED;
import static io.skyfed.drivers.spi.InstanceState.STOPPING;

import io.skyfed.drivers.spi.InstanceAction;
import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InstanceStateMachine;

/** EC2's instance life cycle (EC2 user guide, "Instance lifecycle") and its state names. */
final class Ec2States {

    static final InstanceStateMachine MACHINE = InstanceStateMachine.builder()
            .on(START, InstanceAction.CREATE, PENDING)
            .automatically(PENDING, RUNNING)
            .on(PENDING, InstanceAction.DESTROY, SHUTTING_DOWN)
            .on(RUNNING, InstanceAction.REBOOT, RUNNING)
            .on(RUNNING, InstanceAction.STOP, STOPPING)
            .on(RUNNING, InstanceAction.DESTROY, SHUTTING_DOWN)
            .automatically(STOPPING, STOPPED)
            .on(STOPPED, InstanceAction.START, PENDING)
            .on(STOPPED, InstanceAction.DESTROY, SHUTTING_DOWN)
            .automatically(SHUTTING_DOWN, FINISH)
            .build();

    private Ec2States() {
    }

    /** Maps EC2's state name (pending, running, shutting-down, terminated, stopping, stopped). */
    static InstanceState of(String ec2State) {
        return switch (ec2State == null ? "" : ec2State) {
            case "pending" -> PENDING;
            case "running" -> RUNNING;
            case "shutting-down" -> SHUTTING_DOWN;
            case "terminated" -> FINISH;
            case "stopping" -> STOPPING;
            case "stopped" -> STOPPED;
            default -> InstanceState.ERROR;
        };
    }
}

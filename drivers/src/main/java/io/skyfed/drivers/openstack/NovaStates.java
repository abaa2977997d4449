package io.skyfed.drivers.openstack;

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
import org.jclouds.openstack.nova.v2_0.domain.Server;

/** Nova's server life cycle (compute API guide, "Server concepts"): status, refined by the task in progress. */
final class NovaStates {

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
            .on(ERROR, InstanceAction.DESTROY, FINISH)
            .build();

    private NovaStates() {
    }

    static InstanceState of(Server server) {
        String task = server.getExtendedStatus().isPresent() ? server.getExtendedStatus().get().getTaskState() : null;
        if ("powering-off".equals(task)) {
            return STOPPING;
        }
        if ("powering-on".equals(task)) {
            return PENDING;
        }
        return switch (server.getStatus()) {
            case BUILD, REBUILD, RESIZE, VERIFY_RESIZE, REVERT_RESIZE, MIGRATING, PASSWORD -> PENDING;
            case ACTIVE, REBOOT, HARD_REBOOT, RESCUE -> RUNNING;
            case SHUTOFF, SUSPENDED, PAUSED -> STOPPED;
            case DELETED, SOFT_DELETED -> FINISH;
            default -> ERROR;
        };
    }
}

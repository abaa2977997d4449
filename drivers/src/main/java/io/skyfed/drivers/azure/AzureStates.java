package io.skyfed.drivers.azure;

import static io.skyfed.drivers.spi.InstanceState.ERROR;
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

/**
 * An Azure VM's life cycle as its instance view reports it ("States and billing status of Azure Virtual Machines"):
 * a provisioning state and a power state, both as {@code Kind/value} status codes.
 */
final class AzureStates {

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
            .on(ERROR, InstanceAction.DESTROY, SHUTTING_DOWN)
            .automatically(SHUTTING_DOWN, FINISH)
            .build();

    private AzureStates() {
    }

    /**
     * @param provisioning the provisioning state (creating, updating, succeeded, failed, deleting), may be null
     * @param power        the power state (starting, running, stopping, stopped, deallocating, deallocated), null
     *                     while the VM is still being created
     */
    static InstanceState of(String provisioning, String power) {
        String p = provisioning == null ? "" : provisioning.toLowerCase();
        if (p.equals("deleting")) {
            return SHUTTING_DOWN;
        }
        if (p.equals("failed")) {
            return ERROR;
        }
        return switch (power == null ? "" : power.toLowerCase()) {
            case "starting" -> PENDING;
            case "running" -> RUNNING;
            case "stopping", "deallocating" -> STOPPING;
            case "stopped", "deallocated" -> STOPPED;
            case "" -> p.equals("creating") || p.equals("updating") || p.isEmpty() ? PENDING : ERROR;
            default -> ERROR;
        };
    }

    static InstanceState ofStatusCodes(Iterable<String> codes) {
        String provisioning = null;
        String power = null;
        for (String code : codes) {
            if (code.startsWith("ProvisioningState/")) {
                provisioning = code.substring("ProvisioningState/".length());
            } else if (code.startsWith("PowerState/")) {
                power = code.substring("PowerState/".length());
            }
        }
        return of(provisioning, power);
    }
}

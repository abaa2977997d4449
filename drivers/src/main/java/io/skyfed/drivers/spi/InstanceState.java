package io.skyfed.drivers.spi;

import java.util.Locale;

/** The Deltacloud instance states. START and FINISH are the state machine's ends, never reported by a live instance. */
public enum InstanceState {
    START, PENDING, RUNNING, SHUTTING_DOWN, STOPPING, STOPPED, FINISH, ERROR;

    /** The name in {@code /api/instance_states} (lower case, e.g. {@code shutting_down}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}

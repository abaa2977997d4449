package io.skyfed.broker.api.deltacloud;

import io.skyfed.drivers.spi.InstanceState;
import io.skyfed.drivers.spi.InstanceStateMachine;
import io.skyfed.drivers.spi.StateTransition;

/**
 * {@code /api/instance_states}: the driver's state machine, each state with its outgoing transitions; in JSON a bare
 * array, as the reference server (and the clients written against it) has it.
 */
final class InstanceStatesView {

    private InstanceStatesView() {
    }

    static void write(DocWriter w, InstanceStateMachine machine) {
        w.startRootList("states", "state");
        for (InstanceState state : machine.states()) {
            w.startItem();
            w.attribute("name", state.apiName());
            w.startInlineList("transitions", "transition");
            for (StateTransition t : machine.from(state)) {
                w.startItem();
                w.attribute("to", t.to().apiName());
                if (t.automatic()) {
                    w.attribute("auto", "true");
                } else {
                    w.attribute("action", t.action().apiName());
                }
                w.end();
            }
            w.end();
            w.end();
        }
        w.end();
    }
}

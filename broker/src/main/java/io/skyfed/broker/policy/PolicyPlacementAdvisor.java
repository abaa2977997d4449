package io.skyfed.broker.policy;

import io.skyfed.broker.cluster.ClusterTaskStore;
import io.skyfed.broker.placement.Placement;
import io.skyfed.broker.placement.PlacementAdvisor;
import io.skyfed.policy.PolicyEngine;
import io.skyfed.policy.decision.Decision;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.NoSuchElementException;
import java.util.UUID;

/**
 * Placement advice from the policy engine over the current fleet: the workload is decided as if it were pending
 * (wherever it runs now), with the policy loop's timers, so burst triggers that hold for the loop hold here.
 * The answer may be the site it already runs on.
 */
@ApplicationScoped
public class PolicyPlacementAdvisor implements PlacementAdvisor {

    private final FleetSnapshots fleets;
    private final PolicyEngine engine;
    private final ClusterTaskStore tasks;

    PolicyPlacementAdvisor(FleetSnapshots fleets, PolicyEngine engine, ClusterTaskStore tasks) {
        this.fleets = fleets;
        this.engine = engine;
        this.tasks = tasks;
    }

    @Override
    public Uni<Placement> advise(UUID workloadId) {
        return tasks.state(PolicyLoop.TASK)
                .flatMap(state -> fleets.build(PolicyLoop.memory(state), workloadId))
                .flatMap(fleet -> OffEventLoop.run(() -> engine.decide(fleet.snapshot())))
                .map(decisions -> {
                    Decision decision = decisions.of(workloadId.toString()).orElseThrow(() ->
                            new NoSuchElementException("workload " + workloadId + " does not exist or is deleted"));
                    return new Placement(decision.target(), decision.score(), Explanations.of(decision, decisions));
                });
    }
}

package io.skyfed.broker.placement;

import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** Asks the policy engine where one workload should run now, over the current federated inventory. */
public interface PlacementAdvisor {

    Uni<Placement> advise(UUID workloadId);
}

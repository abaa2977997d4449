package io.skyfed.broker.workflow;

import io.skyfed.broker.security.Caller;
import io.smallrye.mutiny.Uni;
import java.util.UUID;

/** Where migration and burst requests enter, from the API or the policy loop; emits the job's id. */
public interface Migrations {

    Uni<UUID> submit(Caller caller, MigrationRequest request);
}

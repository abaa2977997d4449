package io.skyfed.broker.policy;

import io.skyfed.broker.security.Caller;
import io.skyfed.broker.workflow.MigrationRequest;
import io.skyfed.broker.workflow.Migrations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the workflows' Migrations (a sibling's port, not ours to run here): records what the policy loop
 * submits. Selected only by {@link PolicyLoopTest}'s profile.
 */
@Alternative
@ApplicationScoped
public class RecordingMigrations implements Migrations {

    public record Submission(Caller caller, MigrationRequest request, UUID job) {
    }

    private final List<Submission> submissions = new CopyOnWriteArrayList<>();

    @Override
    public Uni<UUID> submit(Caller caller, MigrationRequest request) {
        UUID job = UUID.randomUUID();
        submissions.add(new Submission(caller, request, job));
        return Uni.createFrom().item(job);
    }

    public List<Submission> of(UUID workload) {
        return submissions.stream().filter(s -> s.request().workloadId().equals(workload)).toList();
    }
}

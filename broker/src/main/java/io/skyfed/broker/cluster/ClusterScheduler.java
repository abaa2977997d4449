package io.skyfed.broker.cluster;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Every replica polls for due tasks; the claim in {@link ClusterTaskStore} lets exactly one of them run each
 * task per interval. The tasks come from the {@link ClusterWork} families (inventory refresh per provider, the
 * policy tick, the run-log pruning).
 */
@ApplicationScoped
public class ClusterScheduler {

    private static final Logger LOG = Logger.getLogger(ClusterScheduler.class);

    private final ClusterTaskStore store;
    private final Instance<ClusterWork> families;
    private final Replica replica;
    private final ClusterConfig config;
    private final MeterRegistry meters;

    ClusterScheduler(ClusterTaskStore store, Instance<ClusterWork> families, Replica replica, ClusterConfig config,
                     MeterRegistry meters) {
        this.store = store;
        this.families = families;
        this.replica = replica;
        this.config = config;
        this.meters = meters;
    }

    @Scheduled(every = "${skyfed.cluster.poll-interval:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        return collect()
                .call(this::reconcile)
                .flatMap(wanted -> store.due().flatMap(due -> Multi.createFrom().iterable(due)
                        .filter(wanted::containsKey)
                        // One after another: the tasks of one poll share its Vert.x context and so the Hibernate
                        // Reactive session bound to it, which concurrent runs corrupt ("Illegal pop()", "Session is
                        // closed"). Tasks this replica has not claimed yet stay free for the others meanwhile.
                        .onItem().transformToUniAndConcatenate(name -> claimAndRun(name, wanted.get(name)))
                        .collect().last()))
                .onFailure().invoke(failure -> LOG.warnf("Cluster task poll failed: %s", failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private record Wanted(ClusterWork family, Duration interval) {
    }

    private Uni<Map<String, Wanted>> collect() {
        List<ClusterWork> all = families.stream().toList();
        return Multi.createFrom().iterable(all)
                .onItem().transformToUniAndConcatenate(family -> family.tasks().map(tasks -> Map.entry(family, tasks)))
                .collect().asList()
                .map(entries -> {
                    Map<String, Wanted> wanted = new HashMap<>();
                    entries.forEach(entry -> entry.getValue().forEach((name, interval) ->
                            wanted.put(name, new Wanted(entry.getKey(), interval))));
                    return wanted;
                });
    }

    /** Registers new tasks and removes those a family no longer lists. */
    private Uni<Void> reconcile(Map<String, Wanted> wanted) {
        return store.register(List.copyOf(wanted.keySet()))
                .flatMap(registered -> store.list())
                .flatMap(existing -> {
                    Set<String> names = wanted.keySet();
                    List<String> gone = existing.stream().map(ClusterTask::name)
                            .filter(name -> !names.contains(name))
                            .filter(name -> families.stream().anyMatch(family -> family.owns(name)))
                            .toList();
                    return store.remove(gone);
                });
    }

    private Uni<Void> claimAndRun(String name, Wanted wanted) {
        return store.claim(name, replica.name(), wanted.interval(), config.leaseDuration())
                .flatMap(claimed -> claimed.isEmpty() ? Uni.createFrom().voidItem() : run(name, wanted, claimed.get()));
    }

    private Uni<Void> run(String name, Wanted wanted, Map<String, Object> state) {
        Instant started = Instant.now();
        LOG.debugf("Replica %s runs %s", replica.name(), name);
        return Uni.createFrom().deferred(() -> wanted.family().run(name, state))
                .map(next -> new Outcome(next, null))
                .onFailure().recoverWithItem(failure -> new Outcome(null, failure.toString()))
                .flatMap(outcome -> {
                    count(name, outcome.error() == null ? "success" : "failure");
                    if (outcome.error() != null) {
                        LOG.warnf("Cluster task %s failed on %s: %s", name, replica.name(), outcome.error());
                    }
                    return store.complete(name, replica.name(), started, outcome.error(), outcome.state());
                });
    }

    private record Outcome(Map<String, Object> state, String error) {
    }

    private void count(String task, String outcome) {
        Counter.builder("skyfed.cluster.task.runs")
                .description("Scheduled cluster tasks this replica ran, by task and outcome")
                .tag("task", task).tag("replica", replica.name()).tag("outcome", outcome)
                .register(meters).increment();
    }
}

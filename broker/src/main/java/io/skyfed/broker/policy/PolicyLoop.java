package io.skyfed.broker.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.skyfed.broker.cluster.ClusterTaskStore;
import io.skyfed.broker.cluster.ClusterWork;
import io.skyfed.broker.cluster.Replica;
import io.skyfed.broker.federation.CapacityCrossed;
import io.skyfed.broker.persistence.AuditLog;
import io.skyfed.broker.persistence.AuditOutcome;
import io.skyfed.broker.security.Caller;
import io.skyfed.broker.workflow.MigrationRequest;
import io.skyfed.broker.workflow.Migrations;
import io.skyfed.policy.PolicyEngine;
import io.skyfed.policy.decision.Action;
import io.skyfed.policy.decision.Decision;
import io.skyfed.policy.decision.Decisions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The policy loop: every skyfed.policy.interval (once across all replicas: a cluster task), and at once when an
 * on-premise provider's utilisation rises across the trigger, it asks the policy engine for decisions over the
 * whole fleet and submits the bursts and migrations through {@link Migrations}. Budgets are the engine's
 * tenant-quota filter. In dry-run it only records what it would do. Every decision other than "stay", every
 * action and every tick's summary goes into the audit log with its explanation.
 */
@ApplicationScoped
public class PolicyLoop implements ClusterWork {

    public static final String TASK = "policy/tick";
    static final String ACTOR = "policy-loop";
    private static final Logger LOG = Logger.getLogger(PolicyLoop.class);

    private final FleetSnapshots fleets;
    private final PolicyEngine engine;
    private final PolicyConfig config;
    private final Instance<Migrations> migrations;
    private final AuditLog audit;
    private final ClusterTaskStore tasks;
    private final Replica replica;
    private final MeterRegistry meters;

    PolicyLoop(FleetSnapshots fleets, PolicyEngine engine, PolicyConfig config, Instance<Migrations> migrations,
               AuditLog audit, ClusterTaskStore tasks, Replica replica, MeterRegistry meters) {
        this.fleets = fleets;
        this.engine = engine;
        this.config = config;
        this.migrations = migrations;
        this.audit = audit;
        this.tasks = tasks;
        this.replica = replica;
        this.meters = meters;
    }

    @Override
    public Uni<Map<String, Duration>> tasks() {
        return Uni.createFrom().item(config.enabled() ? Map.of(TASK, config.interval()) : Map.of());
    }

    @Override
    public boolean owns(String task) {
        return TASK.equals(task);
    }

    @Override
    public Uni<Map<String, Object>> run(String task, Map<String, Object> state) {
        return tick(memory(state), config.dryRun()).map(report -> Map.of("memory", text(report.decisions().memory())));
    }

    /** A capacity event: the tick becomes due now, and the replica that claims it next decides. */
    void onCapacityCrossed(@Observes CapacityCrossed event) {
        tasks.runSoon(TASK).subscribe().with(done -> LOG.debugf("Policy tick requested by %s", event.provider()),
                failure -> LOG.warnf("Could not request a policy tick: %s", failure.toString()));
    }

    /** Decides over the fleet with the timers of earlier ticks, acts (or records, in dry-run), and audits. */
    public Uni<TickReport> tick(Map<String, Instant> memory, boolean dryRun) {
        return fleets.build(memory, null)
                .flatMap(fleet -> OffEventLoop.run(() -> engine.decide(fleet.snapshot()))
                        .flatMap(decisions -> act(fleet, decisions, dryRun)));
    }

    /** The timers the last tick left, from the task's state. */
    static Map<String, Instant> memory(Map<String, Object> state) {
        Object stored = state.get("memory");
        if (!(stored instanceof Map<?, ?> entries)) {
            return Map.of();
        }
        Map<String, Instant> memory = new HashMap<>();
        entries.forEach((key, at) -> memory.put(String.valueOf(key), Instant.parse(String.valueOf(at))));
        return memory;
    }

    private static Map<String, String> text(Map<String, Instant> memory) {
        Map<String, String> text = new HashMap<>();
        memory.forEach((key, at) -> text.put(key, at.toString()));
        return text;
    }

    private Uni<TickReport> act(Fleet fleet, Decisions decisions, boolean dryRun) {
        List<UUID> submitted = Collections.synchronizedList(new ArrayList<>());
        return Multi.createFrom().iterable(decisions.decisions())
                .filter(decision -> decision.action() != Action.STAY)
                .onItem().transformToUniAndConcatenate(decision ->
                        act(fleet.workloads().get(decision.workload()), decision, decisions, dryRun, submitted))
                .collect().last()
                .flatMap(done -> summary(decisions, dryRun, submitted))
                .map(done -> new TickReport(decisions, List.copyOf(submitted), dryRun));
    }

    private Uni<Void> act(Fleet.Member workload, Decision decision, Decisions batch, boolean dryRun,
                          List<UUID> submitted) {
        String explanation = Explanations.of(decision, batch);
        String action = "policy." + decision.action().name().toLowerCase(Locale.ROOT);
        count(decision.action(), dryRun);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("workload", workload.name());
        details.put("tenant", workload.tenant());
        if (decision.target() != null) {
            details.put("target", decision.target());
            details.put("score", decision.score());
        }
        details.put("replica", replica.name());
        boolean moves = decision.action() == Action.BURST || decision.action() == Action.MIGRATE;
        if (!moves) {
            return record(workload, action, AuditOutcome.SUCCESS, explanation, details);
        }
        if (dryRun) {
            details.put("dryRun", true);
            return record(workload, action, AuditOutcome.SUCCESS, "dry run, nothing submitted: " + explanation, details);
        }
        if (migrations.isUnsatisfied()) {
            return record(workload, action, AuditOutcome.FAILURE,
                    "no migration service in this broker, nothing submitted: " + explanation, details);
        }
        MigrationRequest request = new MigrationRequest(workload.id(), decision.target(),
                decision.action() == Action.BURST ? MigrationRequest.Mode.BURST : config.migrationMode(), false,
                explanation);
        return migrations.get().submit(Caller.system(workload.tenant()), request)
                .flatMap(job -> {
                    submitted.add(job);
                    details.put("job", job.toString());
                    return record(workload, action, AuditOutcome.SUCCESS, explanation, details);
                })
                .onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Policy %s of workload %s was refused: %s", action, workload.id(), failure.toString());
                    details.put("error", failure.getClass().getSimpleName());
                    return record(workload, action, AuditOutcome.FAILURE,
                            "submission failed (" + failure.getMessage() + "): " + explanation, details);
                });
    }

    private Uni<Void> summary(Decisions decisions, boolean dryRun, List<UUID> submitted) {
        Map<String, Object> details = new LinkedHashMap<>();
        Map<Action, Long> counts = new EnumMap<>(Action.class);
        decisions.decisions().forEach(decision -> counts.merge(decision.action(), 1L, Long::sum));
        counts.forEach((action, count) -> details.put(action.name().toLowerCase(Locale.ROOT), count));
        details.put("activeTriggers", decisions.activeTriggers());
        details.put("submitted", submitted.size());
        details.put("dryRun", dryRun);
        details.put("replica", replica.name());
        String explanation = decisions.decisions().size() + " decision(s), " + submitted.size() + " job(s) submitted"
                + (dryRun ? " (dry run)" : "") + "; active burst triggers " + decisions.activeTriggers();
        return Panache.withTransaction(() -> audit.record(new AuditLog.Entry(ACTOR, null, "policy.tick", "policy",
                decisions.policy(), AuditOutcome.SUCCESS, explanation, details))).replaceWithVoid();
    }

    private Uni<Void> record(Fleet.Member workload, String action, AuditOutcome outcome, String explanation,
                             Map<String, Object> details) {
        return Panache.withTransaction(() -> audit.record(new AuditLog.Entry(ACTOR, workload.tenantId(), action,
                "workload", workload.id().toString(), outcome, explanation, details))).replaceWithVoid();
    }

    private void count(Action action, boolean dryRun) {
        Counter.builder("skyfed.policy.decisions")
                .description("Policy loop decisions acted on or recorded, by action")
                .tag("action", action.name().toLowerCase(Locale.ROOT)).tag("dry_run", Boolean.toString(dryRun))
                .register(meters).increment();
    }
}

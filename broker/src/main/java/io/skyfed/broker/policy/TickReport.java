package io.skyfed.broker.policy;

import io.skyfed.policy.decision.Decisions;
import java.util.List;
import java.util.UUID;

/** What one tick decided, and the jobs it submitted (none in dry-run). */
public record TickReport(Decisions decisions, List<UUID> submittedJobs, boolean dryRun) {
}

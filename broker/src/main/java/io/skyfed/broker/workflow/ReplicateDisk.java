package io.skyfed.broker.workflow;

import io.skyfed.broker.persistence.JobStepEntity;
import io.skyfed.drivers.spi.BlockImportService;
import io.skyfed.drivers.spi.ChangedBlockService;
import io.skyfed.drivers.spi.DiskCheckpoint;
import io.skyfed.drivers.spi.DiskExtent;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.StagedDisk;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Warm migration while the source runs: a full copy of the disk at a first checkpoint into a staged disk on the
 * target, then delta rounds, each copying the extents the guest wrote since the previous checkpoint, until a round
 * copies at most {@code skyfed.jobs.warm.converged-bytes} or {@code max-rounds} delta rounds are done.
 *
 * <p>After every round its checkpoint id and the round's figures are saved in one write, and the previous
 * checkpoint is released. A re-run (crash, retry) resumes at the first unfinished round: its checkpoint is found
 * again by name ({@code <key>-<round>}) and its extents are written again, which is harmless; writes the guest made
 * after that checkpoint belong to the next round. A source or target that cannot do this is recorded as the
 * fallback: the job then migrates cold, and its outcome says why.
 */
final class ReplicateDisk implements Step {

    static final String NAME = "replicate-disk";

    private final JobsConfig.Warm config;

    ReplicateDisk(JobsConfig.Warm config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void run(StepContext context) throws Exception {
        if (context.saved("fallback").isPresent() || context.saved("converged").isPresent()) {
            return;
        }
        // Decided once: a copy under way is not abandoned for cold half-way (its staged disk would be left behind).
        Optional<String> fallback = context.saved("replicating").isPresent() ? Optional.empty() : fallback(context);
        if (fallback.isPresent()) {
            context.save("fallback", fallback.get());
            context.audit("job.warm-fallback", fallback.get(), Map.of("step", NAME));
            return;
        }
        ChangedBlockService blocks = changedBlocks(context);
        BlockImportService staging = blockImport(context);
        String instance = context.request().sourceInstanceId();
        String key = context.idempotencyKey();
        ExtentCopier copier = new ExtentCopier(blocks, staging, config.writeBytes());
        List<Map<String, Object>> rounds = rounds(context);
        Optional<String> previous = context.saved("checkpointId");
        // From here checkpoints and a staged disk may exist: rollback must look for them.
        context.save("replicating", true);
        while (true) {
            int round = rounds.size();
            Instant started = Instant.now();
            DiskCheckpoint checkpoint = blocks.createCheckpoint(instance, key + "-" + round);
            String staged = context.saved("stagedDiskId").orElse(null);
            if (staged == null) {
                staged = staging.stage(key, checkpoint.virtualSize()).id();
                context.save(Map.of("stagedDiskId", staged, "virtualSize", checkpoint.virtualSize()));
            }
            List<DiskExtent> extents = blocks.changedExtents(checkpoint.id(), previous.orElse(null));
            long bytes = copier.copy(checkpoint.id(), extents, staged, context);
            Map<String, Object> figures = figures(round, round == 0 ? "full" : "delta", extents, bytes, started);
            rounds.add(figures);
            context.save(Map.of("rounds", rounds, "checkpointId", checkpoint.id()));
            context.audit("job.warm-round", "round " + round + " copied " + bytes + " bytes while the source ran",
                    figures);
            previous.ifPresent(blocks::deleteCheckpoint);
            previous = Optional.of(checkpoint.id());
            context.checkCancelled();
            if (round > 0 && (bytes <= config.convergedBytes() || round >= config.maxRounds())) {
                context.save("converged", bytes <= config.convergedBytes());
                return;
            }
        }
    }

    @Override
    public void compensate(StepContext context) {
        if (context.saved("replicating").isEmpty()) {
            return;
        }
        context.target().blockImport().ifPresent(staging -> staging.stagedDisks().stream()
                .filter(d -> d.name().equals(context.idempotencyKey())).map(StagedDisk::id)
                .forEach(staging::discard));
        releaseCheckpoints(context, context.idempotencyKey());
    }

    /** Releases the source's checkpoints whose names start with {@code prefix}; a source already gone has none. */
    static void releaseCheckpoints(StepContext context, String prefix) {
        context.source().changedBlocks().ifPresent(blocks -> {
            try {
                blocks.checkpoints(context.request().sourceInstanceId()).stream()
                        .filter(c -> c.name().startsWith(prefix)).forEach(c -> blocks.deleteCheckpoint(c.id()));
            } catch (NotFoundException sourceGone) {
                // checkpoints go with their instance
            }
        });
    }

    /** The source's changed-block tracking, which a warm copy under way needs. */
    static ChangedBlockService changedBlocks(StepContext context) {
        return context.source().changedBlocks().orElseThrow(() -> new PermanentFailure("provider "
                + context.request().sourceProvider() + " no longer offers changed-block tracking"));
    }

    /** The target's disk writes at offsets, which a warm copy under way needs. */
    static BlockImportService blockImport(StepContext context) {
        return context.target().blockImport().orElseThrow(() -> new PermanentFailure("provider "
                + context.request().targetProvider() + " no longer offers disk writes at offsets"));
    }

    /** Why this job cannot migrate warm, naming what is missing on which side; empty when it can. */
    static Optional<String> fallback(StepContext context) {
        List<String> missing = new ArrayList<>();
        JobRequest request = context.request();
        if (context.source().changedBlocks().isEmpty()) {
            missing.add("changed-block tracking at the source (provider " + request.sourceProvider()
                    + " offers no ChangedBlockService)");
        }
        if (context.target().blockImport().isEmpty()) {
            missing.add("disk writes at offsets at the target (provider " + request.targetProvider()
                    + " offers no BlockImportService)");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("warm migration needs "
                + String.join(" and ", missing) + ": migrated cold (stop, copy, start)");
    }

    /** What the job's outcome tells of a warm migration: its rounds, or why it fell back to cold. */
    static Map<String, Object> outcome(List<JobStepEntity> steps) {
        Map<String, Object> outcome = new LinkedHashMap<>();
        steps.stream().filter(s -> s.name.equals(NAME)).findFirst().ifPresent(step -> {
            if (step.checkpoint.containsKey("fallback")) {
                outcome.put("fallback", step.checkpoint.get("fallback"));
            } else if (step.checkpoint.containsKey("rounds")) {
                outcome.put("rounds", step.checkpoint.get("rounds"));
                outcome.put("converged", step.checkpoint.get("converged"));
            }
        });
        return outcome;
    }

    static Map<String, Object> figures(int round, String kind, List<DiskExtent> extents, long bytes, Instant started) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("round", round);
        figures.put("kind", kind);
        figures.put("extents", extents.size());
        figures.put("bytes", bytes);
        figures.put("seconds", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        return figures;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rounds(StepContext context) {
        return new ArrayList<>((List<Map<String, Object>>) context.savedObject("rounds").orElse(List.of()));
    }
}

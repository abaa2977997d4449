package io.skyfed.broker.workflow;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The durable job engine of this replica: {@code skyfed.jobs.*}. */
@ConfigMapping(prefix = "skyfed.jobs")
public interface JobsConfig {

    /** Whether this replica runs jobs at all (an API-only replica sets false). */
    @WithDefault("true")
    boolean enabled();

    /** How many jobs this replica runs at once: one worker thread per slot. */
    @WithDefault("4")
    int concurrency();

    /** How often an idle slot looks for work; a job submitted on this replica wakes a slot at once. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** How long a claimed job stays ours without a heartbeat; heartbeats come every third of it. */
    @WithDefault("30s")
    Duration lease();

    /** First retry delay; each further attempt doubles it (with +-50% jitter), up to {@link #backoffMax()}. */
    @WithDefault("2s")
    Duration backoffBase();

    @WithDefault("5m")
    Duration backoffMax();

    /** How long a launched or restarted instance may take to reach RUNNING. */
    @WithDefault("5m")
    Duration instanceTimeout();

    /** Where disks are converted into formats that cannot be streamed (qcow2, VHD, VHDX); default java.io.tmpdir. */
    Optional<java.nio.file.Path> tempDir();

    /** The largest disk converted through a temporary file; larger ones fail rather than fill the volume. */
    @WithDefault("107374182400")
    long tempMaxBytes();

    /** Warm migrations: {@code skyfed.jobs.warm.*}. */
    Warm warm();

    /** How long a warm migration copies while the source runs, and in what pieces. */
    interface Warm {

        /** Delta rounds after the full copy at most; then the source is stopped whatever the delta. */
        @WithDefault("5")
        int maxRounds();

        /** A delta round that copied at most this many bytes ends the rounds: the final sync will be short. */
        @WithDefault("67108864")
        long convergedBytes();

        /** The largest single write to the target's staged disk; longer extents are written in pieces. */
        @WithDefault("4194304")
        int writeBytes();
    }

    /**
     * Test hook: the name of a step after whose work, before it is recorded as done, the process halts
     * (Runtime.halt, as kill -9 would), so crash tests can stop a broker at the worst moment of each step.
     */
    Optional<String> crashAfterStep();
}

package io.skyfed.broker.policy;

import io.skyfed.broker.workflow.MigrationRequest;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The policy loop and placement advice. See docs/configuration.md and docs/policy-loop.md. */
@ConfigMapping(prefix = "skyfed.policy")
public interface PolicyConfig {

    /** Whether the loop ticks on its own; placement advice works either way. */
    @WithDefault("true")
    boolean enabled();

    /** How often the loop decides over the whole fleet (one replica per interval). */
    @WithDefault("5m")
    Duration interval();

    /** Record what the loop would do (audit log) without submitting anything. */
    @WithDefault("false")
    boolean dryRun();

    /** A policy file (YAML, policy-engine's format); absent: the built-in skyfed/default-policy.yaml. */
    Optional<Path> file();

    /** The providers the policy may use as sites; absent: every enabled provider. */
    Optional<List<String>> providers();

    /** An on-premise provider whose utilisation rises across this fraction at a refresh makes the loop tick at once. */
    @WithDefault("0.85")
    double utilisationTrigger();

    /** How the loop moves running workloads (bursts always use BURST). */
    @WithDefault("COLD")
    MigrationRequest.Mode migrationMode();

    /** What the inventory does not say about a site, by provider name. */
    Map<String, SiteSettings> sites();

    /** A site's compliance facts and prices (one currency fleet-wide, that of tenants' budgets). */
    interface SiteSettings {

        Optional<String> jurisdiction();

        Optional<List<String>> tags();

        Optional<List<String>> certifications();

        Optional<List<String>> imageFormats();

        @WithDefault("0")
        double vcpuHour();

        @WithDefault("0")
        double ramGibHour();

        @WithDefault("0")
        double storageGibMonth();

        @WithDefault("0")
        double egressGib();

        @WithDefault("1000")
        long bandwidthMbps();
    }
}

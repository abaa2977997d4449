package io.skyfed.broker.workflow;

import java.util.HashMap;
import java.util.Map;

/**
 * The job engine's profile plus the sites of warm migrations: {@code warm-busy} (an on-premise source whose
 * running guests write two blocks before every checkpoint, so rounds never converge), {@code warm-nocbt} (a source
 * without changed-block tracking), {@code warm-noblock} (a target without block writes), {@code warm-slow} (a
 * target whose block writes take 300 ms each, so a cancel lands mid-copy), {@code warm-flaky} (a target whose 12th
 * block write fails: in a delta round, when the source is warm-busy). At most 3 delta rounds, converged at
 * 64 KiB (one mock block), writes of 256 KiB.
 */
public class WarmMigrationProfile extends JobEngineProfile {

    static final Map<String, Map<String, String>> SITES = Map.of(
            "warm-busy", Map.of("guest-write-blocks", "2"),
            "warm-nocbt", Map.of("changed-block-tracking", "false"),
            "warm-noblock", Map.of("block-import", "false"),
            "warm-slow", Map.of("block-write-delay-ms", "300"),
            "warm-flaky", Map.of("fail-block-write-at", "12"));

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        SITES.forEach((site, properties) -> mockSite(config, site, properties));
        config.put("skyfed.jobs.warm.max-rounds", "3");
        config.put("skyfed.jobs.warm.converged-bytes", "65536");
        config.put("skyfed.jobs.warm.write-bytes", "262144");
        return config;
    }

    /** The provider properties of a site of either profile. */
    static Map<String, String> site(String name) {
        return SITES.containsKey(name) ? SITES.get(name) : JobEngineProfile.SITES.get(name);
    }
}

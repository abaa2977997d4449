package io.skyfed.broker.cluster;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How replicas share scheduled work. See docs/configuration.md. */
@ConfigMapping(prefix = "skyfed.cluster")
public interface ClusterConfig {

    /** How often each replica looks for due tasks; a task starts at most this late. */
    @WithDefault("5s")
    Duration pollInterval();

    /**
     * How long a claimed task stays with its replica. A replica that dies mid-run holds the task this long;
     * longer than any one run may take (a provider read is bounded by skyfed.federation.call-timeout).
     */
    @WithDefault("2m")
    Duration leaseDuration();
}

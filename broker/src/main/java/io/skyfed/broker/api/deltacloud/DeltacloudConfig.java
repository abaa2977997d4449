package io.skyfed.broker.api.deltacloud;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** {@code skyfed.deltacloud.*}: what the Deltacloud API uses when a request names no driver or provider. */
@ConfigMapping(prefix = "skyfed.deltacloud")
public interface DeltacloudConfig {

    /** The driver of requests without {@code X-Deltacloud-Driver} or {@code ;driver=}. */
    @WithDefault("mock")
    String defaultDriver();

    /** The provider of requests without {@code X-Deltacloud-Provider} or {@code ;provider=}. */
    @WithDefault("mock")
    String defaultProvider();

    /**
     * Provider properties per driver, e.g. {@code skyfed.deltacloud.driver-properties.mock.seed-instances=1000}
     * (until the provider registry supplies them per provider).
     */
    Map<String, Map<String, String>> driverProperties();
}

package io.skyfed.broker.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code skyfed.security.*}: whether callers must authenticate, and how their tenant is read. */
@ConfigMapping(prefix = "skyfed.security")
public interface SecurityConfig {

    /** Off: the embedded default, every request is {@link Caller#EMBEDDED}. On: tokens or API credentials. */
    @WithDefault("false")
    boolean enabled();

    /** The token claim naming the caller's tenant. */
    @WithDefault("tenant")
    String tenantClaim();

    /** How long a verified API credential is trusted without reading it again (a revocation's delay). */
    @WithDefault("30s")
    Duration credentialCacheTtl();
}

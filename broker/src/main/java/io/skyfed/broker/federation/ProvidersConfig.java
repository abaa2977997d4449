package io.skyfed.broker.federation;

import io.skyfed.broker.persistence.LocationKind;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.util.Map;
import java.util.Optional;

/**
 * Providers defined in configuration: {@code skyfed.providers.<name>.driver=mock} and so on. They are written to
 * the database at every start, and the API cannot change them.
 */
@ConfigMapping(prefix = "skyfed.providers")
public interface ProvidersConfig {

    @WithParentName
    Map<String, Provider> all();

    interface Provider {

        /** The driver kind, by its Deltacloud name (mock, ec2, openstack, ...). */
        String driver();

        /** on-premise or public. */
        @WithDefault("on-premise")
        LocationKind location();

        Optional<String> endpoint();

        Optional<String> region();

        /** The account's user, access key id or client id. */
        Optional<String> user();

        /** The account's password or secret key: stored sealed, never shown. */
        Optional<String> secret();

        /** Driver-specific settings, e.g. skyfed.providers.lab.properties."keystone.scope"=project:demo. */
        Map<String, String> properties();

        @WithDefault("true")
        boolean enabled();
    }
}

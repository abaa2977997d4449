package io.skyfed.broker.federation;

import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ProviderSettings;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs work against a provider's driver session. Driver calls block, so the whole session (connect, calls,
 * close) runs on the worker pool, never on an event loop; the result comes back on the caller's Vert.x context,
 * where the caller may go on using its database session.
 */
@ApplicationScoped
public class ProviderConnector {

    private final DriverRegistry drivers;
    private final FederationConfig config;

    ProviderConnector(DriverRegistry drivers, FederationConfig config) {
        this.drivers = drivers;
        this.config = config;
    }

    public <T> Uni<T> withSession(ProviderAccount account, Function<DriverSession, T> work) {
        return withSession(account.provider().driver, settings(account.provider()), account.credentials(), work);
    }

    /** The same for settings that are not stored (a connection test before creating a provider). */
    public <T> Uni<T> withSession(String driver, ProviderSettings settings, Optional<Credentials> credentials,
                                  Function<DriverSession, T> work) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<T> blocking = Uni.createFrom().item(() -> {
                        DriverFactory factory = UnknownDriverException.require(drivers, driver);
                        try (DriverSession session = factory.connect(credentials.orElse(new Credentials("", "")),
                                settings)) {
                            return work.apply(session);
                        }
                    })
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .ifNoItem().after(config.callTimeout()).fail();
            return caller == null ? blocking
                    : blocking.emitOn(command -> caller.runOnContext(ignored -> command.run()));
        });
    }

    /** The driver's view of a stored provider: name, endpoint, region and properties. */
    public static ProviderSettings settings(ProviderEntity provider) {
        return new ProviderSettings(provider.name, provider.endpoint == null ? null : URI.create(provider.endpoint),
                provider.region, provider.properties);
    }
}

package io.skyfed.broker.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.skyfed.broker.testing.Db;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.ProviderSettings;
import io.vertx.core.Context;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProviderConnectorTest {

    private static final Optional<Credentials> MOCK = Optional.of(new Credentials("mockuser", "mockpassword"));

    @Inject
    ProviderConnector connector;

    @Test
    void driverCallsRunOffTheEventLoopAndResultsComeBackOnTheCallersContext() {
        AtomicReference<String> driverThread = new AtomicReference<>();
        AtomicReference<Boolean> backOnContext = new AtomicReference<>();

        int realms = Db.await(() -> connector.withSession("mock", ProviderSettings.of("connector-test"), MOCK,
                        session -> {
                            driverThread.set(Thread.currentThread().getName());
                            return session.realms().size();
                        })
                .invoke(result -> backOnContext.set(Context.isOnEventLoopThread())));

        assertThat(realms).isPositive();
        assertThat(driverThread.get()).doesNotContain("eventloop");
        assertThat(backOnContext.get()).as("continuation on the caller's event loop").isTrue();
    }

    @Test
    void driverFailuresArriveAsFailures() {
        assertThatThrownBy(() -> Db.await(() -> connector.withSession("mock", ProviderSettings.of("connector-test"),
                Optional.of(new Credentials("mockuser", "wrong")), session -> session.realms().size())))
                .hasMessageContaining("mock driver accepts only");
        assertThatThrownBy(() -> Db.await(() -> connector.withSession("warp-drive",
                ProviderSettings.of("connector-test"), MOCK, session -> 1)))
                .isInstanceOf(UnknownDriverException.class);
    }
}

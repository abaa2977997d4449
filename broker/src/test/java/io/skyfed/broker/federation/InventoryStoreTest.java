package io.skyfed.broker.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.skyfed.broker.persistence.LocationKind;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.broker.testing.Db;
import io.skyfed.drivers.spi.Instance;
import io.skyfed.drivers.spi.InstanceProfile;
import io.skyfed.drivers.spi.InstanceState;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A refresh that finishes after its provider was deleted stores nothing and does not fail. */
@QuarkusTest
class InventoryStoreTest {

    @Inject
    InventoryStore store;

    @Test
    void aReadOfADeletedProviderIsDropped() {
        ProviderEntity gone = new ProviderEntity();
        gone.name = "deleted-" + UUID.randomUUID().toString().substring(0, 8);
        gone.driver = "mock";
        gone.location = LocationKind.ON_PREMISE;
        Instance instance = new Instance("i-1", "web", "owner", "image", "realm",
                new InstanceProfile("small", Map.of()), InstanceState.RUNNING, Set.of(), List.of(), List.of(), null,
                List.of(), List.of(), null);

        store.recordSuccess(gone, Instant.now(),
                new InventoryStore.Read(List.of(instance), List.of(), List.of(), List.of(), null))
                .await().indefinitely();
        store.recordFailure(gone, Instant.now(), "read failed").await().indefinitely();

        assertThat(Db.scalar("select count(*) from inventory_snapshot where provider = '" + gone.name + "'",
                Long.class)).isZero();
        assertThat(Db.scalar("select count(*) from inventory_item where provider = '" + gone.name + "'",
                Long.class)).isZero();
    }
}

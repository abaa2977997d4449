package io.skyfed.broker.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link TestDatabase} for every Quarkus test of the module. */
@QuarkusTestResource(TestDatabase.class)
public final class DatabaseResource {

    private DatabaseResource() {
    }
}

package io.skyfed.drivers.spi;

import java.util.Arrays;
import java.util.Optional;

/** The Deltacloud collections a driver can serve, with their API names. */
public enum CollectionKind {
    REALMS("realms"),
    HARDWARE_PROFILES("hardware_profiles"),
    IMAGES("images"),
    INSTANCES("instances"),
    KEYS("keys"),
    STORAGE_VOLUMES("storage_volumes"),
    STORAGE_SNAPSHOTS("storage_snapshots"),
    BUCKETS("buckets"),
    ADDRESSES("addresses"),
    FIREWALLS("firewalls"),
    LOAD_BALANCERS("load_balancers"),
    METRICS("metrics");

    private final String apiName;

    CollectionKind(String apiName) {
        this.apiName = apiName;
    }

    /** The collection's name in the Deltacloud API, e.g. {@code storage_volumes}. */
    public String apiName() {
        return apiName;
    }

    public static Optional<CollectionKind> byApiName(String name) {
        return Arrays.stream(values()).filter(c -> c.apiName.equals(name)).findFirst();
    }
}

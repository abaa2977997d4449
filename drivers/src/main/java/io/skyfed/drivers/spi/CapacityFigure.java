package io.skyfed.drivers.spi;

import java.util.Objects;

/**
 * Use and limit of one resource, for the whole provider ({@code realmId} null) or one realm.
 * {@code limit} is {@link #UNLIMITED} when the provider sets none.
 */
public record CapacityFigure(CapacityResource resource, String realmId, long used, long limit) {

    public static final long UNLIMITED = -1;

    public CapacityFigure {
        Objects.requireNonNull(resource, "resource");
        if (used < 0 || limit < UNLIMITED) {
            throw new IllegalArgumentException("negative capacity figure: used " + used + ", limit " + limit);
        }
    }

    /** What is left, or {@link Long#MAX_VALUE} when unlimited. */
    public long free() {
        return limit == UNLIMITED ? Long.MAX_VALUE : Math.max(0, limit - used);
    }
}

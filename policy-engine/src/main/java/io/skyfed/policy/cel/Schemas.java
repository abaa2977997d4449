package io.skyfed.policy.cel;

import static io.skyfed.policy.cel.InputLimits.MAX_LATENCY_ENTRIES;
import static io.skyfed.policy.cel.InputLimits.MAX_LIST;
import static io.skyfed.policy.cel.InputLimits.MAX_STRING;

import com.google.common.collect.ImmutableList;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import java.util.List;
import java.util.Optional;

/** The struct types CEL rules are checked against; see the policy language section of the README. */
public final class Schemas {

    private static final CelType STRINGS = ListType.create(SimpleType.STRING);

    public static final StructSchema RESOURCES = StructSchema.builder("skyfed.Resources")
            .field("vcpu", SimpleType.INT).field("ramMiB", SimpleType.INT).field("diskGiB", SimpleType.INT)
            .field("gpus", SimpleType.INT).build();

    public static final StructSchema PRICES = StructSchema.builder("skyfed.Prices")
            .field("vcpuHour", SimpleType.DOUBLE).field("ramGiBHour", SimpleType.DOUBLE)
            .field("storageGiBMonth", SimpleType.DOUBLE).field("egressGiB", SimpleType.DOUBLE).build();

    public static final StructSchema SITE = StructSchema.builder("skyfed.Site")
            .sized("id", SimpleType.STRING, MAX_STRING)
            .sized("kind", SimpleType.STRING, 16)
            .field("onPremise", SimpleType.BOOL)
            .sized("provider", SimpleType.STRING, MAX_STRING)
            .sized("region", SimpleType.STRING, MAX_STRING)
            .sized("zone", SimpleType.STRING, MAX_STRING)
            .sized("jurisdiction", SimpleType.STRING, MAX_STRING)
            .sized("certifications", STRINGS, MAX_LIST)
            .sized("tags", STRINGS, MAX_LIST)
            .sized("latencyMs", MapType.create(SimpleType.STRING, SimpleType.INT), MAX_LATENCY_ENTRIES)
            .sized("imageFormats", STRINGS, MAX_LIST)
            .field("capacity", RESOURCES.type())
            .field("used", RESOURCES.type())
            .field("free", RESOURCES.type())
            .field("utilisation", SimpleType.DOUBLE)
            .field("prices", PRICES.type())
            .field("bandwidthMbps", SimpleType.INT)
            .field("drained", SimpleType.BOOL)
            .build();

    public static final StructSchema WORKLOAD = StructSchema.builder("skyfed.Workload")
            .sized("id", SimpleType.STRING, MAX_STRING)
            .sized("tenant", SimpleType.STRING, MAX_STRING)
            .field("size", RESOURCES.type())
            .sized("tags", STRINGS, MAX_LIST)
            .sized("classification", SimpleType.STRING, MAX_STRING)
            .sized("residency", STRINGS, MAX_LIST)
            .sized("certifications", STRINGS, MAX_LIST)
            .sized("affinityGroup", SimpleType.STRING, MAX_STRING)
            .sized("antiAffinityGroup", SimpleType.STRING, MAX_STRING)
            .field("priority", SimpleType.INT)
            .sized("currentSite", SimpleType.STRING, MAX_STRING)
            .field("pending", SimpleType.BOOL)
            .field("dwellMinutes", SimpleType.INT)
            .sized("userLocation", SimpleType.STRING, MAX_STRING)
            .sized("imageFormat", SimpleType.STRING, MAX_STRING)
            .build();

    public static final StructSchema TENANT = StructSchema.builder("skyfed.Tenant")
            .sized("id", SimpleType.STRING, MAX_STRING)
            .field("budgetPerHour", SimpleType.DOUBLE)
            .field("hasQuota", SimpleType.BOOL)
            .field("quota", RESOURCES.type())
            .build();

    public static final StructSchema FLEET = StructSchema.builder("skyfed.Fleet")
            .field("pendingWorkloads", SimpleType.INT)
            .field("pendingVcpu", SimpleType.INT)
            .field("onPremUtilisation", SimpleType.DOUBLE)
            .field("onPremFree", RESOURCES.type())
            .field("epochSeconds", SimpleType.INT)
            .build();

    public static final List<StructSchema> ALL = List.of(RESOURCES, PRICES, SITE, WORKLOAD, TENANT, FLEET);

    private Schemas() {
    }

    public static Optional<StructSchema> byType(CelType type) {
        return ALL.stream().filter(s -> s.type().name().equals(type.name())).findFirst();
    }

    static CelTypeProvider typeProvider() {
        return new CelTypeProvider() {
            @Override
            public ImmutableList<CelType> types() {
                return ALL.stream().map(s -> (CelType) s.type()).collect(ImmutableList.toImmutableList());
            }

            @Override
            public Optional<CelType> findType(String name) {
                return ALL.stream().filter(s -> s.type().name().equals(name)).map(s -> (CelType) s.type())
                        .findFirst();
            }
        };
    }
}

package io.skyfed.broker.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.skyfed.broker.federation.InventoryService;
import io.skyfed.broker.federation.ProviderCircuits;
import io.skyfed.broker.federation.ProviderInventory;
import io.skyfed.broker.federation.ProviderRegistry;
import io.skyfed.broker.persistence.HealthState;
import io.skyfed.broker.persistence.LocationKind;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.broker.workflow.WorkloadSpec;
import io.skyfed.drivers.spi.CapacityFigure;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityResource;
import io.skyfed.drivers.spi.CircuitState;
import io.skyfed.policy.model.Prices;
import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.SiteKind;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Tenant;
import io.skyfed.policy.model.Workload;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Maps the federation onto the policy engine's model: one site per enabled provider (kind from its location,
 * capacity and use from the driver's capacity report, drained while it is down or its circuit is open, facts
 * and prices from skyfed.policy.sites), one tenant per tenant (hourly budget = monthly budget / 730), and the
 * workloads that are pending (DEFINED, no provider) or running somewhere, leaving out those a job is moving.
 */
@ApplicationScoped
public class FleetSnapshots {

    /** Stands for "no limit" in the engine's integral resources (sums of many stay far from overflow). */
    static final long UNLIMITED = 1_000_000_000L;
    private static final double HOURS_PER_MONTH = 730;
    /** A budget of 0 means "spend nothing", which the engine spells as a tiny positive budget (0 is unlimited there). */
    private static final double NOTHING = 1e-12;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final InventoryService inventory;
    private final ProviderRegistry registry;
    private final ProviderCircuits circuits;
    private final PolicyConfig config;
    private final Pool pool;

    FleetSnapshots(InventoryService inventory, ProviderRegistry registry, ProviderCircuits circuits,
                   PolicyConfig config, Pool pool) {
        this.inventory = inventory;
        this.registry = registry;
        this.circuits = circuits;
        this.config = config;
        this.pool = pool;
    }

    /**
     * The fleet now. {@code asPending}, when not null, is a workload to place afresh (placement advice): it is
     * taken as pending wherever it runs, even while a job holds it.
     */
    public Uni<Fleet> build(Map<String, Instant> memory, UUID asPending) {
        return inventory.current()
                .flatMap(providers -> registry.list().map(entities -> sites(providers, entities)))
                .flatMap(sites -> tenants().flatMap(tenants -> workloads(asPending, sites).map(members -> {
                    List<Workload> workloads = members.stream().map(WorkloadRow::workload).toList();
                    Map<String, Fleet.Member> byId = members.stream().collect(Collectors.toMap(
                            row -> row.workload().id(), WorkloadRow::member));
                    return new Fleet(new Snapshot(Instant.now(), sites, tenants, workloads, memory), byId);
                })));
    }

    private List<Site> sites(List<ProviderInventory> providers, List<ProviderEntity> entities) {
        Map<String, ProviderEntity> byName = entities.stream().collect(Collectors.toMap(p -> p.name, Function.identity()));
        Set<String> allowed = config.providers().map(Set::copyOf).orElse(null);
        List<Site> sites = new ArrayList<>();
        for (ProviderInventory provider : providers) {
            ProviderEntity entity = byName.get(provider.provider());
            if (entity == null || (allowed != null && !allowed.contains(provider.provider()))
                    || provider.refreshedAt() == null) {
                continue;
            }
            PolicyConfig.SiteSettings settings = config.sites().get(provider.provider());
            boolean circuitOpen = circuits.of(entity.name, entity.driver)
                    .map(health -> health.circuit() == CircuitState.OPEN).orElse(false);
            sites.add(new Site(provider.provider(),
                    provider.location() == LocationKind.ON_PREMISE ? SiteKind.ON_PREMISE : SiteKind.PUBLIC,
                    provider.driver(), provider.region(), null,
                    settings == null ? null : settings.jurisdiction().orElse(null),
                    settings == null ? null : settings.certifications().orElse(null),
                    settings == null ? null : settings.tags().orElse(null),
                    null,
                    settings == null ? null : settings.imageFormats().orElse(null),
                    capacity(provider.capacity(), true), capacity(provider.capacity(), false),
                    settings == null ? null : new Prices(settings.vcpuHour(), settings.ramGibHour(),
                            settings.storageGibMonth(), settings.egressGib()),
                    settings == null ? 1000 : settings.bandwidthMbps(),
                    entity.health == HealthState.DOWN || circuitOpen));
        }
        return sites;
    }

    /** The report's limits (or use); a provider that reports none is taken as unlimited and empty. */
    private static Resources capacity(CapacityReport report, boolean limits) {
        return new Resources(figure(report, CapacityResource.VCPUS, limits),
                figure(report, CapacityResource.MEMORY_MB, limits), figure(report, CapacityResource.STORAGE_GB, limits),
                0);
    }

    private static long figure(CapacityReport report, CapacityResource resource, boolean limit) {
        CapacityFigure figure = report == null ? null : report.total(resource).orElse(null);
        if (figure == null) {
            return limit ? UNLIMITED : 0;
        }
        if (!limit) {
            return Math.min(figure.used(), UNLIMITED);
        }
        return figure.limit() == CapacityFigure.UNLIMITED ? UNLIMITED : Math.min(figure.limit(), UNLIMITED);
    }

    private Uni<List<Tenant>> tenants() {
        return pool.query("select name, monthly_budget from tenant").execute().map(rows -> {
            List<Tenant> tenants = new ArrayList<>();
            for (Row row : rows) {
                BigDecimal monthly = row.getBigDecimal("monthly_budget");
                double perHour = monthly == null ? 0 : Math.max(monthly.doubleValue() / HOURS_PER_MONTH, NOTHING);
                tenants.add(new Tenant(row.getString("name"), perHour, null));
            }
            return tenants;
        });
    }

    private record WorkloadRow(Workload workload, Fleet.Member member) {
    }

    private Uni<List<WorkloadRow>> workloads(UUID asPending, List<Site> sites) {
        Set<String> siteIds = sites.stream().map(Site::id).collect(Collectors.toSet());
        return pool.preparedQuery("""
                        select w.id, w.tenant_id, t.name as tenant, w.name, w.spec::text as spec, w.state,
                               p.name as provider, w.updated_at
                        from workload w join tenant t on t.id = w.tenant_id left join provider p on p.id = w.provider_id
                        where w.state in ('DEFINED', 'RUNNING', 'STOPPED')
                          and (w.id = $1 or not exists (select 1 from job j where j.workload_id = w.id
                                                        and j.state in ('QUEUED', 'RUNNING', 'CANCELLING')))
                        order by w.id""")
                .execute(Tuple.of(asPending))
                .map(rows -> {
                    List<WorkloadRow> members = new ArrayList<>();
                    for (Row row : rows) {
                        UUID id = row.getUUID("id");
                        String provider = row.getString("provider");
                        boolean pending = id.equals(asPending) || (provider == null && "DEFINED".equals(row.getString("state")));
                        if (!pending && (provider == null || !siteIds.contains(provider))) {
                            continue;
                        }
                        WorkloadSpec spec = spec(row.getString("spec"));
                        Workload workload = new Workload(id.toString(), row.getString("tenant"),
                                new Resources(spec.cpus(), spec.memoryMb(), spec.diskGb(), spec.gpus()), spec.tags(),
                                spec.classification(), spec.residency(), spec.certifications(), spec.affinityGroup(),
                                spec.antiAffinityGroup(), spec.priority(), pending ? null : provider,
                                pending ? null : row.getOffsetDateTime("updated_at").toInstant(), spec.userLocation(),
                                null);
                        members.add(new WorkloadRow(workload, new Fleet.Member(id, row.getUUID("tenant_id"),
                                row.getString("tenant"), row.getString("name"), provider)));
                    }
                    return members;
                });
    }

    private static WorkloadSpec spec(String json) {
        try {
            return JSON.readValue(json, WorkloadSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a workload's spec is not a WorkloadSpec: " + e.getOriginalMessage(), e);
        }
    }
}

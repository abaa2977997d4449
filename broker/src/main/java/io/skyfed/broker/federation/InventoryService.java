package io.skyfed.broker.federation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.skyfed.broker.cluster.ClusterWork;
import io.skyfed.broker.persistence.HealthState;
import io.skyfed.broker.persistence.LocationKind;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.drivers.spi.CapacityReport;
import io.skyfed.drivers.spi.CapacityService;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ImageFilter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The federated inventory: every enabled provider's instances, images, hardware profiles, realms and capacity.
 * Each provider's refresh is a cluster task ({@code inventory/<provider>}): one replica per interval reads the
 * provider and writes what changed to PostgreSQL ({@link InventoryStore}); every replica serves from there,
 * keeping a decoded copy that it reloads only when the provider's content version moves. A provider never read
 * is read on first demand. A failed read keeps the last good data, which then ages and is reported stale; the
 * failure is recorded as the provider's health.
 */
@ApplicationScoped
public class InventoryService implements ClusterWork {

    static final String TASK_PREFIX = "inventory/";

    private static final Logger LOG = Logger.getLogger(InventoryService.class);

    private record Loaded(long contentVersion, ProviderInventory content) {
    }

    private final ProviderRegistry registry;
    private final ProviderConnector connector;
    private final FederationConfig config;
    private final MeterRegistry meters;
    private final InventoryStore store;
    private final ProviderCircuits circuits;
    private final Event<CapacityCrossed> capacityEvents;
    private final double utilisationTrigger;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();
    private final Map<String, InventorySnapshot> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Gauge> ageGauges = new ConcurrentHashMap<>();

    InventoryService(ProviderRegistry registry, ProviderConnector connector, FederationConfig config,
                     MeterRegistry meters, InventoryStore store, ProviderCircuits circuits,
                     Event<CapacityCrossed> capacityEvents,
                     @ConfigProperty(name = "skyfed.policy.utilisation-trigger", defaultValue = "0.85")
                     double utilisationTrigger) {
        this.registry = registry;
        this.connector = connector;
        this.config = config;
        this.meters = meters;
        this.store = store;
        this.circuits = circuits;
        this.capacityEvents = capacityEvents;
        this.utilisationTrigger = utilisationTrigger;
    }

    /** The inventory of every enabled provider, by provider name; providers never read yet are read first. */
    public Uni<List<ProviderInventory>> current() {
        return registry.enabledAccounts().flatMap(accounts -> store.snapshots().flatMap(known -> {
            List<ProviderAccount> unread = accounts.stream()
                    .filter(account -> !describes(known.get(account.provider().name), account.provider()))
                    .toList();
            Uni<Map<String, InventorySnapshot>> all = unread.isEmpty() ? Uni.createFrom().item(known)
                    : Multi.createFrom().iterable(unread).onItem().transformToUniAndMerge(this::read)
                            .collect().asList().flatMap(read -> store.snapshots());
            return all.flatMap(found -> {
                Set<String> enabled = accounts.stream().map(account -> account.provider().name)
                        .collect(Collectors.toSet());
                loaded.keySet().retainAll(enabled);
                return Multi.createFrom().iterable(accounts)
                        .onItem().transformToUniAndConcatenate(account -> view(found.get(account.provider().name)))
                        .filter(Objects::nonNull)
                        .collect().asList();
            });
        })).map(all -> all.stream().sorted(Comparator.comparing(ProviderInventory::provider)).toList());
    }

    /** Re-reads one provider now, on this replica. */
    public Uni<ProviderInventory> refresh(String provider) {
        return registry.account(provider)
                .flatMap(this::read)
                .flatMap(done -> store.snapshots())
                .flatMap(found -> view(found.get(provider)));
    }

    /** Whether the inventory is older than the configured number of refresh intervals (or was never read). */
    public boolean isStale(ProviderInventory inventory, Instant now) {
        return inventory.refreshedAt() == null || Duration.between(inventory.refreshedAt(), now)
                .compareTo(config.refreshInterval().multipliedBy(config.staleAfterIntervals())) > 0;
    }

    /** Drops what is known of a provider (after it was deleted, disabled or changed), here and in the database. */
    public Uni<Void> forget(String provider) {
        loaded.remove(provider);
        snapshots.remove(provider);
        Gauge gauge = ageGauges.remove(provider);
        if (gauge != null) {
            meters.remove(gauge);
        }
        return store.forget(provider);
    }

    // --- the cluster task: one refresh per provider and interval across all replicas ----------------------------

    @Override
    public Uni<Map<String, Duration>> tasks() {
        return registry.list().flatMap(providers -> store.snapshots().map(found -> {
            snapshots.keySet().retainAll(found.keySet());
            snapshots.putAll(found);
            found.keySet().forEach(name -> ageGauges.computeIfAbsent(name, this::registerAgeGauge));
            providers.forEach(circuits::track);
            return providers.stream().filter(provider -> provider.enabled)
                    .collect(Collectors.toMap(provider -> TASK_PREFIX + provider.name,
                            provider -> config.refreshInterval()));
        }));
    }

    @Override
    public boolean owns(String task) {
        return task.startsWith(TASK_PREFIX);
    }

    @Override
    public Uni<Map<String, Object>> run(String task, Map<String, Object> state) {
        return registry.account(task.substring(TASK_PREFIX.length())).flatMap(this::read).replaceWith(state);
    }

    // --- reading a provider -------------------------------------------------------------------------------------

    /**
     * One provider's read, stored for every replica; never fails for a provider's fault: a failure keeps the
     * previous data and records why. Its outcome becomes the provider's health.
     */
    private Uni<Void> read(ProviderAccount account) {
        ProviderEntity provider = account.provider();
        Timer.Sample sample = Timer.start(meters);
        Instant attempted = Instant.now();
        double before = utilisationBefore(provider);
        return connector.withSession(account, InventoryService::readSession)
                .map(read -> new Attempt(read, null))
                .onFailure().recoverWithItem(failure -> new Attempt(null, Failures.describe(failure)))
                .flatMap(attempt -> attempt.read() == null ? failed(provider, attempted, sample, attempt.error())
                        : store.recordSuccess(provider, attempted, attempt.read())
                                .invoke(() -> outcome(sample, provider.name, "success"))
                                .invoke(() -> announceCrossing(provider, before, Utilisation.of(attempt.read().capacity())))
                                .call(() -> registry.recordHealth(provider.name, HealthState.UP, null)));
    }

    private record Attempt(InventoryStore.Read read, String error) {
    }

    private Uni<Void> failed(ProviderEntity provider, Instant attempted, Timer.Sample sample, String error) {
        LOG.warnf("Inventory of provider %s could not be read: %s", provider.name, error);
        outcome(sample, provider.name, "failure");
        return store.recordFailure(provider, attempted, error)
                .call(() -> registry.recordHealth(provider.name, HealthState.DOWN, error));
    }

    private static InventoryStore.Read readSession(DriverSession session) {
        return new InventoryStore.Read(session.instances(), session.images(ImageFilter.ALL),
                session.hardwareProfiles(), session.realms(), capacity(session));
    }

    /** Capacity is optional: a driver that cannot report it now still has an inventory. */
    private static CapacityReport capacity(DriverSession session) {
        try {
            return session.capacity().map(CapacityService::capacity).orElse(null);
        } catch (DriverException e) {
            LOG.debugf("Capacity not available: %s", e.getMessage());
            return null;
        }
    }

    private double utilisationBefore(ProviderEntity provider) {
        InventorySnapshot known = snapshots.get(provider.name);
        return known == null ? 0 : Utilisation.of(known.capacity());
    }

    private void announceCrossing(ProviderEntity provider, double before, double after) {
        if (provider.location == LocationKind.ON_PREMISE && before < utilisationTrigger && after >= utilisationTrigger) {
            LOG.infof("Provider %s crossed the utilisation trigger: %.2f -> %.2f", provider.name, before, after);
            capacityEvents.fire(new CapacityCrossed(provider.name, before, after));
        }
    }

    /** The stored inventory behind a snapshot row, reloaded only when its content changed. */
    private Uni<ProviderInventory> view(InventorySnapshot snapshot) {
        if (snapshot == null) {
            return Uni.createFrom().nullItem();
        }
        snapshots.put(snapshot.provider(), snapshot);
        ageGauges.computeIfAbsent(snapshot.provider(), this::registerAgeGauge);
        Loaded known = loaded.get(snapshot.provider());
        Uni<ProviderInventory> content = known != null && known.contentVersion() == snapshot.contentVersion()
                ? Uni.createFrom().item(known.content())
                : store.load(snapshot).invoke(read -> loaded.put(snapshot.provider(),
                        new Loaded(snapshot.contentVersion(), read)));
        return content.map(items -> new ProviderInventory(snapshot.provider(), snapshot.driver(),
                snapshot.location(), snapshot.region(), snapshot.refreshedAt(), snapshot.attemptedAt(),
                snapshot.lastError(), items.instances(), items.images(), items.hardwareProfiles(), items.realms(),
                snapshot.capacity()));
    }

    private static boolean describes(InventorySnapshot snapshot, ProviderEntity provider) {
        return snapshot != null && snapshot.describes(provider);
    }

    private void outcome(Timer.Sample sample, String provider, String outcome) {
        sample.stop(Timer.builder("skyfed.inventory.refresh")
                .description("Time to read one provider's inventory")
                .tag("provider", provider).tag("outcome", outcome)
                .register(meters));
        Counter.builder("skyfed.inventory.refreshes")
                .description("Inventory reads, by provider and outcome")
                .tag("provider", provider).tag("outcome", outcome)
                .register(meters).increment();
    }

    private Gauge registerAgeGauge(String provider) {
        return Gauge.builder("skyfed.inventory.age.seconds", snapshots, all -> {
                    InventorySnapshot snapshot = all.get(provider);
                    return snapshot == null || snapshot.refreshedAt() == null ? Double.NaN
                            : Duration.between(snapshot.refreshedAt(), Instant.now()).toMillis() / 1000.0;
                })
                .description("Seconds since the provider's inventory was last read successfully")
                .tag("provider", provider)
                .register(meters);
    }
}

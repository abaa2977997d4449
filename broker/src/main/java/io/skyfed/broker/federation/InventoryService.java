package io.skyfed.broker.federation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;
import io.skyfed.broker.persistence.HealthState;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ImageFilter;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * The federated inventory: every enabled provider's instances, images, hardware profiles and realms, read on a
 * schedule (and on first demand) and served from memory. A failed refresh keeps the last good data, which then
 * ages and is reported stale; the failure is recorded as the provider's health.
 */
@ApplicationScoped
public class InventoryService {

    private static final Logger LOG = Logger.getLogger(InventoryService.class);

    private final ProviderRegistry registry;
    private final ProviderConnector connector;
    private final FederationConfig config;
    private final MeterRegistry meters;
    private final Map<String, ProviderInventory> cache = new ConcurrentHashMap<>();
    private final Map<String, Gauge> ageGauges = new ConcurrentHashMap<>();

    InventoryService(ProviderRegistry registry, ProviderConnector connector, FederationConfig config,
                     MeterRegistry meters) {
        this.registry = registry;
        this.connector = connector;
        this.config = config;
        this.meters = meters;
    }

    /** The inventory of every enabled provider, by provider name; providers never read yet are read first. */
    public Uni<List<ProviderInventory>> current() {
        return registry.enabledAccounts().flatMap(accounts -> {
            List<ProviderAccount> unread = accounts.stream().filter(account -> !isCached(account.provider())).toList();
            Uni<Void> reading = unread.isEmpty() ? Uni.createFrom().voidItem() : refresh(unread);
            return reading.map(done -> accounts.stream()
                    .map(account -> cache.get(account.provider().name))
                    .filter(Objects::nonNull)
                    .sorted(Comparator.comparing(ProviderInventory::provider))
                    .toList());
        });
    }

    /** Re-reads one provider now. */
    public Uni<ProviderInventory> refresh(String provider) {
        return registry.account(provider)
                .flatMap(account -> refresh(List.of(account)))
                .map(done -> cache.get(provider));
    }

    /** Whether the inventory is older than the configured number of refresh intervals (or was never read). */
    public boolean isStale(ProviderInventory inventory, Instant now) {
        return inventory.refreshedAt() == null || Duration.between(inventory.refreshedAt(), now)
                .compareTo(config.refreshInterval().multipliedBy(config.staleAfterIntervals())) > 0;
    }

    /** Drops what is known of a provider (after it was deleted, disabled or changed). */
    public void forget(String provider) {
        cache.remove(provider);
        Gauge gauge = ageGauges.remove(provider);
        if (gauge != null) {
            meters.remove(gauge);
        }
    }

    @Scheduled(every = "${skyfed.federation.refresh-interval:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshAll() {
        return registry.enabledAccounts()
                .invoke(this::forgetOthers)
                .flatMap(this::refresh)
                .onFailure().invoke(failure -> LOG.warnf("Inventory refresh failed: %s", Failures.describe(failure)))
                .onFailure().recoverWithNull();
    }

    /**
     * Reads the providers in parallel on worker threads, then records each outcome as the provider's health,
     * one after the other on the caller's database session.
     */
    private Uni<Void> refresh(List<ProviderAccount> accounts) {
        return Multi.createFrom().iterable(accounts)
                .onItem().transformToUniAndMerge(this::read)
                .collect().asList()
                .flatMap(read -> Multi.createFrom().iterable(read)
                        .onItem().transformToUniAndConcatenate(inventory -> registry.recordHealth(
                                inventory.provider(), inventory.lastError() == null ? HealthState.UP : HealthState.DOWN,
                                inventory.lastError()))
                        .collect().asList())
                .replaceWithVoid();
    }

    /** One provider's read; never fails: a failure keeps the previous data and records why. */
    private Uni<ProviderInventory> read(ProviderAccount account) {
        ProviderEntity provider = account.provider();
        Timer.Sample sample = Timer.start(meters);
        Instant attempted = Instant.now();
        return connector.withSession(account, session -> snapshot(provider, session, attempted))
                .invoke(inventory -> outcome(sample, provider.name, "success"))
                .onFailure().recoverWithItem(failure -> {
                    String error = Failures.describe(failure);
                    LOG.warnf("Inventory of provider %s could not be read: %s", provider.name, error);
                    outcome(sample, provider.name, "failure");
                    ProviderInventory previous = isCached(provider) ? cache.get(provider.name)
                            : ProviderInventory.empty(provider.name, provider.driver, provider.location,
                                    provider.region);
                    return previous.failed(attempted, error);
                })
                .invoke(inventory -> {
                    cache.put(provider.name, inventory);
                    ageGauges.computeIfAbsent(provider.name, this::registerAgeGauge);
                });
    }

    /** A cached inventory belongs to the provider as it is now, not to a deleted namesake of another kind. */
    private boolean isCached(ProviderEntity provider) {
        ProviderInventory cached = cache.get(provider.name);
        return cached != null && cached.driver().equals(provider.driver) && cached.location() == provider.location
                && Objects.equals(cached.region(), provider.region);
    }

    private static ProviderInventory snapshot(ProviderEntity provider, DriverSession session, Instant attempted) {
        return new ProviderInventory(provider.name, provider.driver, provider.location, provider.region,
                Instant.now(), attempted, null, session.instances(), session.images(ImageFilter.ALL),
                session.hardwareProfiles(), session.realms());
    }

    private void forgetOthers(List<ProviderAccount> enabled) {
        Set<String> names = enabled.stream().map(account -> account.provider().name).collect(Collectors.toSet());
        cache.keySet().stream().filter(name -> !names.contains(name)).toList().forEach(this::forget);
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
        return Gauge.builder("skyfed.inventory.age.seconds", cache, all -> {
                    ProviderInventory inventory = all.get(provider);
                    return inventory == null || inventory.refreshedAt() == null ? Double.NaN
                            : Duration.between(inventory.refreshedAt(), Instant.now()).toMillis() / 1000.0;
                })
                .description("Seconds since the provider's inventory was last read successfully")
                .tag("provider", provider)
                .register(meters);
    }
}

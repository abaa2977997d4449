package io.skyfed.drivers.spi.support;

import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderHealth;
import io.skyfed.drivers.spi.ProviderSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The client sets ("accounts") a driver factory keeps, one per provider id: clients are expensive (jclouds contexts,
 * hypervisor connections, HTTP clients with their sessions), so an account is reused until the provider's settings or
 * credentials change, and only then replaced. Also answers {@code DriverFactory.health} from the account's guard.
 *
 * @param <A> the driver's account type
 */
public final class ProviderAccounts<A> {

    private final Map<String, A> accounts = new ConcurrentHashMap<>();
    private final Function<A, ProviderHealth> health;
    private final Consumer<A> retire;

    private ProviderAccounts(Function<A, ProviderHealth> health, Consumer<A> retire) {
        this.health = health;
        this.retire = retire;
    }

    /** Accounts that hold connections: a replaced one is closed; a failing close is logged, never thrown. */
    public static <A extends AutoCloseable> ProviderAccounts<A> closing(String driver,
            Function<A, ProviderHealth> health) {
        return new ProviderAccounts<>(health, account -> {
            try {
                account.close();
            } catch (Exception e) {
                // A replaced account only holds idle connections; failing to close them must not fail the connect.
                System.getLogger(ProviderAccounts.class.getName()).log(System.Logger.Level.DEBUG,
                        "closing replaced " + driver + " clients", e);
            }
        });
    }

    /** Accounts with nothing to close (their HTTP clients are dropped with them). */
    public static <A> ProviderAccounts<A> dropping(Function<A, ProviderHealth> health) {
        return new ProviderAccounts<>(health, account -> { });
    }

    /** The health of a provider's calls; empty for a provider never connected. */
    public Optional<ProviderHealth> health(String providerId) {
        return Optional.ofNullable(accounts.get(providerId)).map(health);
    }

    /**
     * The provider's account: the kept one when {@code current} accepts it, else a new one from {@code open} (given the
     * provider id), which replaces and retires the old.
     */
    public A account(String providerId, Predicate<A> current, Function<String, A> open) {
        return accounts.compute(providerId, (id, existing) -> {
            if (existing != null && current.test(existing)) {
                return existing;
            }
            if (existing != null) {
                retire.accept(existing);
            }
            return open.apply(id);
        });
    }

    /**
     * Runs a settings check: its {@link IllegalArgumentException} becomes the SPI's refusal of the provider's settings
     * (nothing has been sent to the provider yet).
     */
    public static <T> T checked(Supplier<T> settings) {
        try {
            return settings.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("provider", e.getMessage());
        }
    }

    /** The provider's properties with its region and endpoint, if set, under {@code region} and {@code endpoint}. */
    public static Map<String, String> properties(ProviderSettings provider) {
        Map<String, String> properties = new HashMap<>(provider.properties());
        provider.regionIfSet().ifPresent(r -> properties.put("region", r));
        provider.endpointIfSet().ifPresent(e -> properties.put("endpoint", e.toString()));
        return properties;
    }
}

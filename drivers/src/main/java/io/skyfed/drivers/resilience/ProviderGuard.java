package io.skyfed.drivers.resilience;

import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.CircuitState;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.ProviderHealth;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Guards every remote call to one provider: a timeout per attempt, a circuit breaker and a bulkhead shared by all
 * calls to the provider, and retries with jittered backoff (or the provider's Retry-After) for idempotent calls only.
 *
 * <p>Two SmallRye guards are stacked: the outer one retries, the inner one holds the breaker, bulkhead and timeout,
 * so that each retry is a fresh attempt the breaker sees, and a call that must not be repeated simply skips the
 * outer one. Bulkhead rejections and open-breaker rejections are never retried and never count as failures.
 *
 * <p>Calls throw {@link RemoteCallException}s inside; what leaves the guard is an SPI {@link DriverException}
 * (unavailable, timed out, credentials refused), except {@link RemoteRequestException}, which the driver maps
 * itself because only it knows which resource a 404 or 409 was about.
 */
public final class ProviderGuard {

    private final String provider;
    private final Guard attempt;
    private final Guard retrying;
    private final AtomicReference<CircuitState> circuit = new AtomicReference<>(CircuitState.CLOSED);
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>();
    private final AtomicReference<Instant> lastFailureAt = new AtomicReference<>();

    public ProviderGuard(String provider, FaultPolicy policy) {
        this.provider = provider;
        this.attempt = Guard.create()
                .withDescription("provider " + provider)
                .withTimeout().duration(policy.timeout().toMillis(), ChronoUnit.MILLIS).done()
                .withCircuitBreaker()
                    .requestVolumeThreshold(policy.breakerWindow())
                    .failureRatio(policy.breakerRatio())
                    .delay(policy.breakerDelay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(1)
                    .when(ProviderGuard::countsAgainstProvider)
                    .onStateChange(state -> circuit.set(map(state)))
                    .done()
                .withBulkhead()
                    .limit(policy.bulkheadLimit())
                    .queueSize(Math.max(1, policy.bulkheadQueue()))
                    .with(b -> {
                        if (policy.bulkheadQueue() > 0) {
                            b.enableSynchronousQueueing();
                        }
                    })
                    .done()
                .build();
        this.retrying = Guard.create()
                .withDescription("provider " + provider + " (idempotent)")
                .withRetry()
                    .maxRetries(policy.maxRetries())
                    .maxDuration(policy.retryMaxDuration().toMillis(), ChronoUnit.MILLIS)
                    .retryOn(List.of(RemoteUnavailableException.class, TimeoutException.class))
                    .abortOn(List.of(CircuitBreakerOpenException.class, BulkheadException.class))
                    .withCustomBackoff().strategy(() -> new RetryAfterBackoff(policy)).done()
                    .done()
                .build();
    }

    /** A call that may be repeated without effect (reads, deletes, creates carrying an idempotency token). */
    public <T> T idempotent(String operation, Callable<T> call) {
        Callable<Object> once = () -> attempt.call(counted(call), Object.class);
        return run(operation, () -> retrying.call(once, Object.class));
    }

    /** A call that must reach the provider at most once: it is never retried here. */
    public <T> T once(String operation, Callable<T> call) {
        return run(operation, () -> attempt.call(counted(call), Object.class));
    }

    public ProviderHealth health() {
        return new ProviderHealth(provider, circuit.get(), calls.get(), failures.get(), lastFailure.get(),
                lastFailureAt.get());
    }

    private <T> Callable<Object> counted(Callable<T> call) {
        return () -> {
            calls.incrementAndGet();
            try {
                return call.call();
            } catch (RemoteCallException e) {
                if (e.countsAgainstProvider()) {
                    recordFailure(e.getMessage());
                }
                throw e;
            }
        };
    }

    private void recordFailure(String message) {
        failures.incrementAndGet();
        lastFailure.set(message);
        lastFailureAt.set(Instant.now());
    }

    @SuppressWarnings("unchecked")
    private <T> T run(String operation, Callable<Object> guarded) {
        try {
            return (T) guarded.call();
        } catch (DriverException | RemoteRequestException e) {
            throw e;
        } catch (RemoteCredentialsException e) {
            throw new AuthenticationFailedException(provider + " refused the credentials (" + operation + "): "
                    + e.getMessage());
        } catch (RemoteCallException e) {
            throw new ProviderUnavailableException(provider + ": " + operation + " failed: " + e.getMessage(),
                    e instanceof RemoteTimeoutException, e);
        } catch (CircuitBreakerOpenException e) {
            throw new ProviderUnavailableException(provider + ": " + operation
                    + " refused, circuit breaker open after repeated failures", e);
        } catch (BulkheadException e) {
            throw new ProviderUnavailableException(provider + ": " + operation
                    + " refused, too many concurrent calls to this provider", e);
        } catch (TimeoutException e) {
            recordFailure(operation + " timed out");
            throw new ProviderUnavailableException(provider + ": " + operation + " timed out", true, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ProviderUnavailableException(provider + ": " + operation + " failed: " + e, e);
        }
    }

    private static boolean countsAgainstProvider(Throwable failure) {
        if (failure instanceof RemoteCallException remote) {
            return remote.countsAgainstProvider();
        }
        return failure instanceof TimeoutException;
    }

    private static CircuitState map(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> CircuitState.CLOSED;
            case OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
        };
    }
}

package io.skyfed.drivers.resilience;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
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
 */
public final class ProviderGuard {

    private final String provider;
    private final Guard attempt;
    private final Guard retrying;
    private final AtomicReference<BreakerState> breaker = new AtomicReference<>(BreakerState.CLOSED);

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
                    .onStateChange(state -> breaker.set(map(state)))
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
                    .retryOn(List.of(ProviderUnavailableException.class, TimeoutException.class))
                    .abortOn(List.of(CircuitBreakerOpenException.class, BulkheadException.class))
                    .withCustomBackoff().strategy(() -> new RetryAfterBackoff(policy)).done()
                    .done()
                .build();
    }

    /** A call that may be repeated without effect (reads, deletes, creates carrying an idempotency token). */
    public <T> T idempotent(String operation, Callable<T> call) {
        Callable<Object> once = () -> attempt.call(call::call, Object.class);
        return run(operation, () -> retrying.call(once, Object.class));
    }

    /** A call that must reach the provider at most once: it is never retried here. */
    public <T> T once(String operation, Callable<T> call) {
        return run(operation, () -> attempt.call(call::call, Object.class));
    }

    public BreakerState breakerState() {
        return breaker.get();
    }

    public String provider() {
        return provider;
    }

    @SuppressWarnings("unchecked")
    private <T> T run(String operation, Callable<Object> guarded) {
        try {
            return (T) guarded.call();
        } catch (ProviderCallException e) {
            throw e;
        } catch (CircuitBreakerOpenException e) {
            throw new ProviderUnavailableException(provider + ": " + operation
                    + " refused, circuit breaker open after repeated failures", e);
        } catch (BulkheadException e) {
            throw new ProviderThrottledException(provider + ": " + operation
                    + " refused, too many concurrent calls to this provider", null, e);
        } catch (TimeoutException e) {
            throw new ProviderUnavailableException(provider + ": " + operation + " timed out", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new ProviderUnavailableException(provider + ": " + operation + " failed: " + e, e);
        }
    }

    private static boolean countsAgainstProvider(Throwable failure) {
        if (failure instanceof ProviderCallException pce) {
            return pce.countsAgainstProvider();
        }
        return failure instanceof TimeoutException;
    }

    private static BreakerState map(CircuitBreakerState state) {
        return switch (state) {
            case CLOSED -> BreakerState.CLOSED;
            case OPEN -> BreakerState.OPEN;
            case HALF_OPEN -> BreakerState.HALF_OPEN;
        };
    }
}

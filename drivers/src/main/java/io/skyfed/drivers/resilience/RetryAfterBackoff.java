package io.skyfed.drivers.resilience;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (so that many brokers retrying one provider do not synchronise), replaced by
 * the provider's own Retry-After when it sent one; both capped by the policy's maximum delay.
 */
final class RetryAfterBackoff implements CustomBackoffStrategy {

    private final long baseMillis;
    private final long maxMillis;
    private int retries;

    RetryAfterBackoff(FaultPolicy policy) {
        this.baseMillis = Math.max(1, policy.retryBase().toMillis());
        this.maxMillis = Math.max(baseMillis, policy.retryMaxDelay().toMillis());
    }

    @Override
    public long nextDelayInMillis(Throwable failure) {
        int n = retries++;
        if (failure instanceof RemoteUnavailableException unavailable && unavailable.retryAfter().isPresent()) {
            return Math.min(maxMillis, unavailable.retryAfter().get().toMillis());
        }
        long ceiling = Math.min(maxMillis, baseMillis << Math.min(n, 20));
        return ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
    }
}

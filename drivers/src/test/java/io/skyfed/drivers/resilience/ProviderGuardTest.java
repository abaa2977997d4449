package io.skyfed.drivers.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.CircuitState;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProviderGuardTest {

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    static FaultPolicy fast() {
        return new FaultPolicy(Duration.ofMillis(500), 3, Duration.ofMillis(1), Duration.ofMillis(20),
                Duration.ofSeconds(5), 4, 0.5, Duration.ofSeconds(60), 2, 0);
    }

    @Test
    void idempotentCallIsRetriedUntilItSucceeds() {
        ProviderGuard guard = new ProviderGuard("p", fast());
        AtomicInteger calls = new AtomicInteger();
        String result = guard.idempotent("list", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new RemoteUnavailableException("HTTP 503", null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void nonIdempotentCallReachesTheProviderOnce() {
        ProviderGuard guard = new ProviderGuard("p", fast());
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> guard.once("create", () -> {
            calls.incrementAndGet();
            throw new RemoteUnavailableException("connection reset", null);
        })).isInstanceOf(ProviderUnavailableException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void credentialAndRequestFailuresAreNeverRetriedNorHeldAgainstTheProvider() {
        ProviderGuard guard = new ProviderGuard("p", fast());
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> guard.idempotent("list", () -> {
                calls.incrementAndGet();
                throw new RemoteCredentialsException("HTTP 401: token expired", null);
            })).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThat(calls).hasValue(10);
        assertThat(guard.health().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void breakerOpensAfterRepeatedFailuresAndThenRejectsWithoutCalling() {
        ProviderGuard guard = new ProviderGuard("p", fast());
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> guard.once("list", () -> {
                calls.incrementAndGet();
                throw new RemoteUnavailableException("HTTP 500", null);
            })).isInstanceOf(ProviderUnavailableException.class);
        }
        assertThat(guard.health().circuit()).isEqualTo(CircuitState.OPEN);

        assertThat(guard.health().failures()).isEqualTo(4);
        assertThat(guard.health().lastFailure()).contains("HTTP 500");
        assertThatThrownBy(() -> guard.idempotent("list", () -> calls.incrementAndGet()))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("circuit breaker open");
        assertThat(calls).hasValue(4);
    }

    @Test
    void attemptThatOutlivesTheTimeoutIsInterruptedAndReportedUnavailable() {
        ProviderGuard guard = new ProviderGuard("p", new FaultPolicy(Duration.ofMillis(100), 0, Duration.ofMillis(1),
                Duration.ofMillis(1), Duration.ofSeconds(5), 20, 0.5, Duration.ofSeconds(60), 2, 0));
        CountDownLatch never = new CountDownLatch(1);
        assertThatThrownBy(() -> guard.once("slow", () -> never.await(30, TimeUnit.SECONDS)))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("timed out")
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).timeout()).isTrue());
    }

    @Test
    void bulkheadRejectsCallsBeyondTheProvidersLimit() throws Exception {
        ProviderGuard guard = new ProviderGuard("p", new FaultPolicy(Duration.ofSeconds(10), 0, Duration.ofMillis(1),
                Duration.ofMillis(1), Duration.ofSeconds(5), 20, 0.5, Duration.ofSeconds(60), 1, 0));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Boolean> first = pool.submit(() -> guard.once("slow", () -> {
            inside.countDown();
            return release.await(10, TimeUnit.SECONDS);
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> guard.once("second", () -> "never"))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("too many concurrent calls");
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(guard.health().circuit()).isEqualTo(CircuitState.CLOSED);
    }

    @Test
    void backoffFollowsRetryAfterWithinTheCapAndJittersOtherwise() {
        RetryAfterBackoff backoff = new RetryAfterBackoff(new FaultPolicy(Duration.ofSeconds(1), 5,
                Duration.ofMillis(100), Duration.ofSeconds(3), Duration.ofSeconds(60), 20, 0.5, Duration.ofSeconds(1),
                1, 0));
        assertThat(backoff.nextDelayInMillis(new RemoteThrottledException("429", Duration.ofSeconds(2), null)))
                .isEqualTo(2000);
        assertThat(backoff.nextDelayInMillis(new RemoteThrottledException("429", Duration.ofSeconds(60), null)))
                .isEqualTo(3000);
        long third = backoff.nextDelayInMillis(new RemoteUnavailableException("503", null));
        assertThat(third).isBetween(200L, 400L);
    }
}

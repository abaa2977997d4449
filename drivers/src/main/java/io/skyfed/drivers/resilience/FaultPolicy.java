package io.skyfed.drivers.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How hard one provider's calls are guarded. Defaults suit a public cloud API; every figure can be overridden by the
 * provider's settings ({@code fault.timeout=PT10S}, {@code fault.max-retries=2}, ...).
 *
 * @param timeout           the budget of one attempt; transport socket timeouts must be set below it
 * @param maxRetries        retries of an idempotent call after the first attempt
 * @param retryBase         first backoff delay; doubles per retry, with full jitter
 * @param retryMaxDelay     cap of one backoff delay, Retry-After included
 * @param retryMaxDuration  cap of all attempts of one call together
 * @param breakerWindow     calls the breaker looks at (rolling window)
 * @param breakerRatio      share of failures in the window that opens the breaker
 * @param breakerDelay      how long an open breaker rejects calls before letting a trial through
 * @param bulkheadLimit     concurrent calls to this provider
 * @param bulkheadQueue     calls waiting for a slot before further ones are rejected
 */
public record FaultPolicy(Duration timeout, int maxRetries, Duration retryBase, Duration retryMaxDelay,
                          Duration retryMaxDuration, int breakerWindow, double breakerRatio, Duration breakerDelay,
                          int bulkheadLimit, int bulkheadQueue) {

    public FaultPolicy {
        Objects.requireNonNull(timeout, "timeout");
        if (maxRetries < 0 || breakerWindow < 1 || bulkheadLimit < 1 || bulkheadQueue < 0
                || !(breakerRatio > 0 && breakerRatio <= 1)) {
            throw new IllegalArgumentException("invalid fault policy: " + describe(maxRetries, breakerWindow,
                    breakerRatio, bulkheadLimit, bulkheadQueue));
        }
    }

    private static String describe(int maxRetries, int window, double ratio, int limit, int queue) {
        return "max-retries=" + maxRetries + " breaker-window=" + window + " breaker-ratio=" + ratio
                + " bulkhead-limit=" + limit + " bulkhead-queue=" + queue;
    }

    public static FaultPolicy defaults() {
        return new FaultPolicy(Duration.ofSeconds(30), 3, Duration.ofMillis(200), Duration.ofSeconds(20),
                Duration.ofSeconds(90), 20, 0.5, Duration.ofSeconds(30), 8, 32);
    }

    /**
     * This policy for disk and blob content transfers: the attempt budget is {@code transferTimeout} (hours, not
     * seconds) and only two run at a time, in a bulkhead of their own so uploads never starve API calls.
     */
    public FaultPolicy forTransfers(Duration transferTimeout) {
        return new FaultPolicy(transferTimeout, maxRetries, retryBase, retryMaxDelay, retryMaxDuration, breakerWindow,
                breakerRatio, breakerDelay, 2, 4);
    }

    /** The budget of one transfer, {@code transfer-timeout} in a provider's settings (default six hours). */
    public static Duration transferTimeout(Map<String, String> settings) {
        return duration(settings, "transfer-timeout", Duration.ofHours(6));
    }

    /** The defaults overridden by {@code fault.*} entries of a provider's settings. */
    public static FaultPolicy fromSettings(Map<String, String> settings) {
        FaultPolicy d = defaults();
        return new FaultPolicy(
                duration(settings, "fault.timeout", d.timeout),
                integer(settings, "fault.max-retries", d.maxRetries),
                duration(settings, "fault.retry-base", d.retryBase),
                duration(settings, "fault.retry-max-delay", d.retryMaxDelay),
                duration(settings, "fault.retry-max-duration", d.retryMaxDuration),
                integer(settings, "fault.breaker-window", d.breakerWindow),
                settings.containsKey("fault.breaker-ratio")
                        ? parse("fault.breaker-ratio", settings, Double::parseDouble) : d.breakerRatio,
                duration(settings, "fault.breaker-delay", d.breakerDelay),
                integer(settings, "fault.bulkhead-limit", d.bulkheadLimit),
                integer(settings, "fault.bulkhead-queue", d.bulkheadQueue));
    }

    private static Duration duration(Map<String, String> s, String key, Duration fallback) {
        return s.containsKey(key) ? parse(key, s, Duration::parse) : fallback;
    }

    private static int integer(Map<String, String> s, String key, int fallback) {
        return s.containsKey(key) ? parse(key, s, Integer::parseInt) : fallback;
    }

    private static <T> T parse(String key, Map<String, String> s, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(s.get(key).trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("provider setting " + key + "=" + s.get(key) + " is not valid", e);
        }
    }
}

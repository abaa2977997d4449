package io.skyfed.drivers.resilience;

import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A create the provider offers no idempotency token for, made safe to repeat: every attempt after the first looks
 * for what an earlier attempt may have made (by a request token in a tag or metadata, or a unique name) and returns
 * that instead of creating again. After the last failed attempt it looks once more, since that attempt may have
 * created something whose answer was lost.
 */
public final class LookUpBeforeRetry {

    /** Runs a call under the provider's guard with retries, translating failures as the driver does. */
    @FunctionalInterface
    public interface RetriedCall {
        <T> T call(String operation, Callable<T> call);
    }

    private LookUpBeforeRetry() {
    }

    /**
     * @param retried the driver's retried (idempotent) call
     * @param lookUp what an earlier attempt made, if anything; a remote call run inside the same guarded attempt
     * @param create one attempt at the create
     */
    public static <T> T create(RetriedCall retried, String operation, Callable<Optional<T>> lookUp,
                               Callable<T> create) {
        AtomicBoolean attempted = new AtomicBoolean();
        Callable<T> attempt = () -> {
            if (attempted.getAndSet(true)) {
                Optional<T> earlier = lookUp.call();
                if (earlier.isPresent()) {
                    return earlier.get();
                }
            }
            return create.call();
        };
        try {
            return retried.call(operation, attempt);
        } catch (ProviderUnavailableException failed) {
            Optional<T> made;
            try {
                made = retried.call("look up " + operation, lookUp);
            } catch (ProviderUnavailableException lookUpFailed) {
                failed.addSuppressed(lookUpFailed);
                throw failed;
            }
            return made.orElseThrow(() -> failed);
        }
    }
}

package io.skyfed.drivers.rhevm;

import com.google.gson.JsonObject;
import io.skyfed.drivers.resilience.FaultPolicy;
import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteRequestMapping;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.NotFoundException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** The engine client and fault guard of one oVirt provider, kept across sessions. */
final class RhevmAccount {

    /** A call to the engine, as the client makes it. */
    interface EngineCall<T> {
        T call(OvirtClient client) throws IOException, InterruptedException;
    }

    final String providerId;
    final RhevmSettings settings;
    final ProviderGuard guard;
    final Credentials credentials;
    private final OvirtClient client;

    RhevmAccount(String providerId, RhevmSettings settings, FaultPolicy policy, Credentials credentials) {
        this.providerId = providerId;
        this.settings = settings;
        this.credentials = credentials;
        this.guard = new ProviderGuard(providerId, policy);
        this.client = new OvirtClient(settings, credentials);
    }

    boolean matches(RhevmSettings other, Credentials otherCredentials) {
        return settings.equals(other) && credentials.equals(otherCredentials);
    }

    /** A read, or a change that can be repeated without effect: retried under the guard. */
    <T> T read(String operation, String kind, String id, EngineCall<T> call) {
        try {
            return guard.idempotent(operation, translated(operation, call));
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, kind, id);
        }
    }

    /** A change that must reach the engine at most once. */
    <T> T write(String operation, String kind, String id, EngineCall<T> call) {
        try {
            return guard.once(operation, translated(operation, call));
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, kind, id);
        }
    }

    JsonObject get(String operation, String kind, String id, String path) {
        return read(operation, kind, id, c -> c.get(path));
    }

    /** One object by id; an id the engine calls malformed (400) names nothing, like an unknown one (404). */
    JsonObject getById(String operation, String kind, String id, String path) {
        try {
            return get(operation, kind, id, path);
        } catch (InvalidArgumentException malformedId) {
            throw new NotFoundException(kind, id);
        }
    }

    /**
     * Reads {@code path} until {@code done} holds, every poll interval, up to the wait timeout: the engine does
     * long work (cloning disks, powering off, transfers) in the background and reports progress as a state.
     */
    JsonObject await(String what, String kind, String id, String path, Predicate<JsonObject> done) {
        long deadline = System.nanoTime() + settings.waitTimeout().toNanos();
        JsonObject current = get("read " + kind, kind, id, path);
        while (!done.test(current)) {
            if (System.nanoTime() > deadline) {
                throw new ProviderUnavailableException(providerId + ": " + kind + " " + id + " did not " + what
                        + " within " + settings.waitTimeout(), true, null);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(settings.pollInterval().toMillis()));
            if (Thread.currentThread().isInterrupted()) {
                throw new ProviderUnavailableException(providerId + ": interrupted while waiting for " + kind
                        + " " + id + " to " + what, null);
            }
            current = get("read " + kind, kind, id, path);
        }
        return current;
    }

    private <T> Callable<T> translated(String operation, EngineCall<T> call) {
        return () -> {
            try {
                return call.call(client);
            } catch (HttpTimeoutException e) {
                throw new RemoteTimeoutException(operation + ": no answer in time", e);
            } catch (IOException e) {
                throw new RemoteUnavailableException(operation + ": " + e, e);
            }
        };
    }
}

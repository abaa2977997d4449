package io.skyfed.drivers.google;

import com.google.gson.JsonObject;
import com.google.inject.Injector;
import io.skyfed.drivers.resilience.FaultPolicy;
import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteRequestMapping;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jclouds.Constants;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.googlecloud.config.GoogleCloudProperties;
import org.jclouds.googlecomputeengine.GoogleComputeEngineApi;
import org.jclouds.googlecomputeengine.config.GoogleComputeEngineProperties;
import org.jclouds.http.HttpRequest;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;
import org.jclouds.oauth.v2.config.OAuthProperties;
import org.jclouds.oauth.v2.filters.OAuthFilter;

/**
 * What the driver keeps per Google provider across sessions: the jclouds Compute Engine API with its OAuth flow
 * (one Guice injector, expensive), Cloud Storage on first use, the native client and the fault guard.
 *
 * <p>Most calls go through jclouds. A few are made natively with {@link GoogleRest} because jclouds 2.7.0 cannot
 * make them right: instance reads (its {@code Instance.Status} lacks SUSPENDING and SUSPENDED, so a suspended
 * instance fails to parse), inserts (none of its insert methods can send {@code requestId}, GCE's idempotency
 * token), image reads (its {@code Image} drops {@code architecture}) and operation polling (one path for operations
 * from both clients). The native calls use the bearer token of jclouds' own OAuth flow, so there is one token.
 */
final class GoogleAccount implements AutoCloseable {

    final String providerId;
    final GoogleSettings settings;
    final ProviderGuard guard;
    /** Disk uploads: same breaker rules, but hours instead of seconds per attempt, and two at a time. */
    final ProviderGuard transfers;
    final GoogleRest rest;
    private final ServiceAccountKey key;
    private final GoogleComputeEngineApi api;
    private final OAuthFilter oauth;
    private volatile BlobStoreContext storage;

    GoogleAccount(String providerId, GoogleSettings settings, FaultPolicy policy, ServiceAccountKey key) {
        this.providerId = providerId;
        this.settings = settings;
        this.key = key;
        this.guard = new ProviderGuard(providerId, policy);
        this.transfers = new ProviderGuard(providerId + " (disk transfers)", policy.forTransfers(settings.transferTimeout()));
        Injector injector = ContextBuilder.newBuilder("google-compute-engine")
                .endpoint(settings.computeEndpoint().toString())
                .credentials(key.clientEmail(), key.privateKeyPem())
                .overrides(properties(settings))
                .modules(List.of(new SLF4JLoggingModule()))
                .buildInjector();
        this.api = injector.getInstance(GoogleComputeEngineApi.class);
        this.oauth = injector.getInstance(OAuthFilter.class);
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.socketTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.rest = new GoogleRest(http, this::authorization, settings.socketTimeout());
    }

    /** jclouds properties shared by Compute Engine and Cloud Storage. */
    private static Properties properties(GoogleSettings settings) {
        Properties p = new Properties();
        // Our guard retries; jclouds retrying underneath would multiply every call.
        p.setProperty(Constants.PROPERTY_MAX_RETRIES, "0");
        p.setProperty(Constants.PROPERTY_SO_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        p.setProperty(Constants.PROPERTY_CONNECTION_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        p.setProperty("oauth.endpoint", settings.tokenEndpoint().toString());
        p.setProperty(OAuthProperties.AUDIENCE, settings.tokenEndpoint().toString());
        // Naming the project spares jclouds a Projects:get look-up derived from the account's e-mail.
        p.setProperty(GoogleCloudProperties.PROJECT_NAME, settings.project());
        p.setProperty(GoogleComputeEngineProperties.IMAGE_PROJECTS, "");
        return p;
    }

    boolean matches(GoogleSettings otherSettings, ServiceAccountKey otherKey) {
        return settings.equals(otherSettings) && key.equals(otherKey);
    }

    GoogleComputeEngineApi api() {
        return api;
    }

    /** Cloud Storage, built on first use: a project that never touches buckets never pays for the injector. */
    BlobStoreContext storage() {
        BlobStoreContext context = storage;
        if (context == null) {
            synchronized (this) {
                if (storage == null) {
                    storage = ContextBuilder.newBuilder("google-cloud-storage")
                            .endpoint(settings.storageEndpoint().toString())
                            .credentials(key.clientEmail(), key.privateKeyPem())
                            .overrides(properties(settings))
                            .modules(List.of(new SLF4JLoggingModule()))
                            .buildView(BlobStoreContext.class);
                }
                context = storage;
            }
        }
        return context;
    }

    /** The bearer token header jclouds' JWT flow holds (fetched from the token endpoint when due). */
    private String authorization() {
        HttpRequest probe = HttpRequest.builder().method("GET").endpoint(settings.projectUri()).build();
        return GoogleFailures.call(settings.tokenEndpoint(),
                () -> oauth.filter(probe).getFirstHeaderOrNull("Authorization"));
    }

    /** A read or other repeatable call, retried on transient failures. */
    <T> T read(String operation, String kind, String id, Callable<T> call) {
        try {
            return guard.idempotent(operation, () -> GoogleFailures.call(settings.tokenEndpoint(), call));
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, kind, id);
        }
    }

    /** A call with effects that must not be repeated blindly: one attempt. */
    <T> T write(String operation, String kind, String id, Callable<T> call) {
        try {
            return guard.once(operation, () -> GoogleFailures.call(settings.tokenEndpoint(), call));
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, kind, id);
        }
    }

    /**
     * Creates a named resource. GCE names are unique (per zone or project), so a retry after a lost answer cannot
     * make a second one: it fails with 409 alreadyExists, which on a retry means the first attempt succeeded and
     * the resource is looked up instead. A 409 on the first attempt means the name is taken.
     *
     * @param insert   the insert, answering the operation's self link
     * @param existing the look-up by name, after a retry met alreadyExists
     */
    <T> T create(String operation, String kind, String name, Callable<URI> insert, Supplier<T> existing) {
        AtomicBoolean attempted = new AtomicBoolean();
        Optional<URI> op;
        try {
            op = guard.idempotent(operation, () -> {
                boolean retry = attempted.getAndSet(true);
                try {
                    return Optional.of(GoogleFailures.call(settings.tokenEndpoint(), insert));
                } catch (RemoteRequestException e) {
                    if (retry && e.status() == 409) {
                        return Optional.<URI>empty();
                    }
                    throw e;
                }
            });
        } catch (RemoteRequestException e) {
            if (e.status() == 409) {
                throw new InvalidArgumentException("name", kind + " '" + name + "' already exists");
            }
            throw RemoteRequestMapping.toDriverException(e, kind, name);
        }
        op.ifPresent(uri -> awaitOperation(operation, kind, name, uri));
        return existing.get();
    }

    /** Runs an action that answers an operation (start, stop, attach, delete, ...) and waits for it. */
    void act(String operation, String kind, String id, Callable<URI> action) {
        URI op = read(operation, kind, id, action);
        if (op != null) {
            awaitOperation(operation, kind, id, op);
        }
    }

    /**
     * Polls a zone, region or global operation until DONE, within the provider's operation timeout; an operation
     * that ends in error is reported as the request failure it describes (quota, conflict, bad argument).
     */
    void awaitOperation(String operation, String kind, String id, URI selfLink) {
        long deadline = System.nanoTime() + settings.operationTimeout().toNanos();
        long pause = Math.max(1, settings.operationPoll().toMillis());
        while (true) {
            JsonObject op = read("poll " + operation, kind, id, () -> rest.get(selfLink));
            if ("DONE".equals(GoogleJson.text(op, "status"))) {
                GoogleJson.operationError(op).ifPresent(error -> {
                    throw RemoteRequestMapping.toDriverException(error, kind, id);
                });
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new ProviderUnavailableException(providerId + ": " + operation + " did not finish within "
                        + settings.operationTimeout(), true, null);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pause));
        }
    }

    @Override
    public void close() throws Exception {
        api.close();
        if (storage != null) {
            storage.close();
        }
    }
}

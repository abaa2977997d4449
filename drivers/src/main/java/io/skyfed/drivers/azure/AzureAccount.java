package io.skyfed.drivers.azure;

import io.skyfed.drivers.jclouds.JcloudsFailures;
import io.skyfed.drivers.resilience.FaultPolicy;
import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteRequestMapping;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.InvalidArgumentException;
import io.skyfed.drivers.spi.InvalidStateException;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.jclouds.azurecompute.arm.AzureComputeApi;
import org.jclouds.json.Json;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * What the driver keeps per provider across sessions: jclouds' Resource Manager API (expensive to build), the
 * native client for what jclouds lacks, and the fault guard whose breaker must remember failures across requests.
 */
final class AzureAccount implements AutoCloseable {

    final String providerId;
    final AzureSettings settings;
    final ProviderGuard guard;
    /** Blob content transfers: a budget of hours, never retried (a consumed stream cannot be replayed). */
    final ProviderGuard transfers;
    final ArmClient arm;
    private final Credentials credentials;
    private final AzureComputeApi api;
    private final Json json;
    private volatile BlobStoreContext blobs;

    AzureAccount(String providerId, AzureSettings settings, FaultPolicy policy, FaultPolicy transferPolicy,
                 Credentials credentials) {
        this.providerId = providerId;
        this.settings = settings;
        this.credentials = credentials;
        this.guard = new ProviderGuard(providerId, policy);
        this.transfers = new ProviderGuard(providerId + " (transfers)", transferPolicy);
        AzureApiFactory.Built built = AzureApiFactory.build(settings, credentials.user(), credentials.secret());
        this.api = built.api();
        this.json = built.json();
        this.arm = new ArmClient(settings, credentials);
    }

    boolean matches(AzureSettings other, Credentials otherCredentials) {
        return settings.equals(other) && credentials.equals(otherCredentials);
    }

    AzureComputeApi api() {
        return api;
    }

    /** The Blob service context of the configured storage account, built on first use. */
    BlobStoreContext blobs() {
        BlobStoreContext context = blobs;
        if (context == null) {
            synchronized (this) {
                if (blobs == null) {
                    String storage = settings.storageAccount().orElseThrow(() -> new InvalidArgumentException(
                            "provider", "the azure provider has no storage-account setting, so it has no buckets"));
                    blobs = AzureBlobStoreFactory.build(settings, storage, credentials.user(), credentials.secret());
                }
                context = blobs;
            }
        }
        return context;
    }

    String group() {
        return settings.resourceGroup();
    }

    /**
     * A call that may be repeated without effect, retried on transient failures: reads, deletes, and PUTs, which
     * Resource Manager applies idempotently to the resource they name.
     */
    <T> T idempotent(String operation, String kind, String id, Callable<T> call) {
        try {
            return guard.idempotent(operation, () -> JcloudsFailures.call(call));
        } catch (RemoteRequestException e) {
            throw map(e, kind, id);
        }
    }

    /**
     * Every item of a Resource Manager list, following {@code nextLink} page by page (a page holds up to 1000 items,
     * some lists fewer). Each page is its own guarded read, so a failure repeats one page, not the whole walk. An
     * item that shows on two pages (the collection changed between them) is kept once, where it first showed.
     */
    List<JsonObject> list(String operation, String kind, String path, String apiVersion) {
        Map<String, JsonObject> items = new LinkedHashMap<>();
        Set<String> seenLinks = new HashSet<>();
        String next = path;
        while (next != null) {
            String page = next;
            JsonObject answer = idempotent(operation, kind, null, () -> arm.page(page, apiVersion));
            if (answer.has("value") && answer.get("value").isJsonArray()) {
                for (JsonElement e : answer.getAsJsonArray("value")) {
                    JsonObject item = e.getAsJsonObject();
                    String id = item.has("id") ? item.get("id").getAsString().toLowerCase() : String.valueOf(items.size());
                    items.putIfAbsent(id, item);
                }
            }
            next = answer.has("nextLink") && !answer.get("nextLink").isJsonNull()
                    ? answer.get("nextLink").getAsString() : null;
            if (next != null && !seenLinks.add(next)) {
                throw new ProviderUnavailableException("Resource Manager named the same next page twice: " + next,
                        null);
            }
        }
        return new ArrayList<>(items.values());
    }

    /** Every item of a list read natively, as the jclouds domain type the rest of the driver maps. */
    <T> List<T> list(String operation, String kind, String path, String apiVersion, Class<T> type) {
        return list(operation, kind, path, apiVersion).stream().map(item -> json.fromJson(item.toString(), type))
                .toList();
    }

    /**
     * Follows an operation Resource Manager accepted to its end, within the provider's {@code operation-timeout}
     * (VM deletes take minutes, longer than one attempt's budget): each poll is its own guarded read, after the
     * Retry-After of the answer before it. An operation that ends Failed or Canceled is reported, never taken for
     * success: as the state it forbids when its code says so (conflict, in use, not allowed), else as the provider
     * failing.
     */
    JsonObject awaitOperation(String operation, String kind, String id, ArmClient.Started started) {
        if (started.monitor() == null) {
            return started.body();
        }
        long deadline = System.nanoTime() + settings.operationTimeout().toNanos();
        long wait = started.retryAfter();
        while (true) {
            if (System.nanoTime() + TimeUnit.SECONDS.toNanos(wait) > deadline) {
                throw new ProviderUnavailableException(providerId + ": " + operation + " of " + kind + " " + id
                        + " did not finish within " + settings.operationTimeout(), true, null);
            }
            ArmClient.pause(wait);
            ArmClient.Progress progress = idempotent("Poll" + operation, kind, id,
                    () -> arm.poll(started.monitor()));
            if (progress.failure() != null) {
                String message = providerId + ": " + operation + " of " + kind + " " + id + " " + progress.failure();
                throw progress.conflict() ? new InvalidStateException(message)
                        : new ProviderUnavailableException(message, null);
            }
            if (!progress.running()) {
                return progress.result();
            }
            wait = progress.retryAfter();
        }
    }

    /** A call with effects that must not be repeated blindly (a POST action): one attempt. */
    <T> T once(String operation, String kind, String id, Callable<T> call) {
        try {
            return guard.once(operation, () -> JcloudsFailures.call(call));
        } catch (RemoteRequestException e) {
            throw map(e, kind, id);
        }
    }

    private static DriverException map(RemoteRequestException e, String kind, String id) {
        return RemoteRequestMapping.toDriverException(e, kind, id);
    }

    @Override
    public void close() throws Exception {
        api.close();
        if (blobs != null) {
            blobs.close();
        }
    }
}

package io.skyfed.drivers.openstack;

import io.skyfed.drivers.jclouds.JcloudsFailures;
import io.skyfed.drivers.resilience.FaultPolicy;
import io.skyfed.drivers.resilience.LookUpBeforeRetry;
import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteRequestMapping;
import io.skyfed.drivers.spi.Credentials;
import java.util.List;
import java.util.Properties;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jclouds.Constants;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;
import org.jclouds.openstack.nova.v2_0.NovaApi;

/** The jclouds Nova client and fault guard of one OpenStack provider, kept across sessions. */
final class OpenStackAccount implements AutoCloseable {

    final String providerId;
    final OpenStackSettings settings;
    final ProviderGuard guard;
    /** Blob contents and disk images: the same breaker rules, but hours instead of seconds per attempt. */
    final ProviderGuard transfers;
    private final Credentials credentials;
    private final NovaApi nova;
    private final Properties overrides;
    private final String identity;
    private volatile BlobStoreContext swift;
    private final java.net.http.HttpClient http;
    private final KeystoneSession keystone;
    private volatile String region;

    OpenStackAccount(String providerId, OpenStackSettings settings, FaultPolicy policy, Credentials credentials) {
        this.providerId = providerId;
        this.settings = settings;
        this.credentials = credentials;
        this.guard = new ProviderGuard(providerId, policy);
        this.transfers = new ProviderGuard(providerId + " (transfers)", policy.forTransfers(settings.transferTimeout()));
        KeystoneRenewal.limitToOneRenewal();
        Properties p = new Properties();
        p.setProperty(Constants.PROPERTY_MAX_RETRIES, "0");
        p.setProperty(Constants.PROPERTY_SO_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        p.setProperty(Constants.PROPERTY_CONNECTION_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        p.setProperty("jclouds.keystone.version", "3");
        p.setProperty("jclouds.keystone.scope", "project:" + settings.project());
        // Identity is "Domain:user"; a bare user name means the Default domain.
        this.identity = credentials.user().contains(":") ? credentials.user() : "Default:" + credentials.user();
        this.overrides = p;
        this.http = java.net.http.HttpClient.newBuilder().connectTimeout(settings.socketTimeout())
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        this.keystone = new KeystoneSession(settings, credentials, http);
        this.nova = ContextBuilder.newBuilder("openstack-nova").endpoint(settings.keystone().toString())
                .credentials(identity, credentials.secret()).overrides(p)
                .modules(List.of(new SLF4JLoggingModule())).buildApi(NovaApi.class);
    }

    boolean matches(OpenStackSettings other, Credentials otherCredentials) {
        return settings.equals(other) && credentials.equals(otherCredentials);
    }

    NovaApi nova() {
        return nova;
    }

    java.net.http.HttpClient http() {
        return http;
    }

    /** Keystone for the natively called APIs (Glance); jclouds keeps its own token for Nova and Swift. */
    KeystoneSession keystone() {
        return keystone;
    }

    /** Swift, built on first use: a project without object storage never pays for it. */
    BlobStoreContext swift() {
        BlobStoreContext context = swift;
        if (context == null) {
            synchronized (this) {
                if (swift == null) {
                    Properties p = new Properties();
                    p.putAll(overrides);
                    settings.region().ifPresent(r -> p.setProperty("jclouds.regions", r));
                    swift = ContextBuilder.newBuilder("openstack-swift").endpoint(settings.keystone().toString())
                            .credentials(identity, credentials.secret()).overrides(p)
                            .modules(List.of(new SLF4JLoggingModule())).buildView(BlobStoreContext.class);
                }
                context = swift;
            }
        }
        return context;
    }

    /** The region in use: the configured one, else the first in the catalog (read once, after authenticating). */
    String region() {
        String r = region;
        if (r == null) {
            r = settings.region().orElseGet(() -> read("list regions", "region", null,
                    () -> nova.getConfiguredRegions().iterator().next()));
            region = r;
        }
        return r;
    }

    <T> T read(String operation, String kind, String id, Callable<T> call) {
        try {
            return guard.idempotent(operation, () -> JcloudsFailures.call(call));
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, kind, id);
        }
    }

    /** A create without idempotency token, retried with a look-up first (see {@link LookUpBeforeRetry}). */
    <T> T lookUpBeforeRetry(String operation, String kind, String id, Callable<Optional<T>> lookUp,
                            Callable<T> create) {
        return LookUpBeforeRetry.create(new LookUpBeforeRetry.RetriedCall() {
            @Override
            public <R> R call(String op, Callable<R> call) {
                return read(op, kind, id, call);
            }
        }, operation, lookUp, create);
    }

    <T> T write(String operation, String kind, String id, Callable<T> call) {
        try {
            return guard.once(operation, () -> JcloudsFailures.call(call));
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, kind, id);
        }
    }

    @Override
    public void close() throws Exception {
        nova.close();
        if (swift != null) {
            swift.close();
        }
    }
}

package io.skyfed.drivers.ec2;

import io.skyfed.drivers.resilience.FaultPolicy;
import io.skyfed.drivers.resilience.LookUpBeforeRetry;
import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteRequestMapping;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverException;
import java.util.Optional;
import java.util.concurrent.Callable;
import com.google.inject.Injector;
import org.jclouds.aws.ec2.AWSEC2Api;
import org.jclouds.aws.filters.FormSignerV4;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * What the driver keeps per provider across sessions: the jclouds clients (expensive to build) and the fault
 * guard (whose circuit breaker must remember failures across requests). Built once by the factory.
 */
final class Ec2Account implements AutoCloseable {

    final String providerId;
    final Ec2Settings settings;
    final ProviderGuard guard;
    /** Blob contents and disk images: the same breaker rules, but hours instead of seconds per attempt. */
    final ProviderGuard transfers;
    private final Credentials credentials;
    private final AWSEC2Api api;
    private final Ec2Query query;
    private volatile BlobStoreContext blobs;

    Ec2Account(String providerId, Ec2Settings settings, FaultPolicy policy, Credentials credentials) {
        this.providerId = providerId;
        this.settings = settings;
        this.credentials = credentials;
        this.guard = new ProviderGuard(providerId, policy);
        this.transfers = new ProviderGuard(providerId + " (transfers)", policy.forTransfers(settings.transferTimeout()));
        Injector injector = Ec2ApiFactory.build(settings, credentials.user(), credentials.secret());
        this.api = injector.getInstance(AWSEC2Api.class);
        this.query = new Ec2Query(settings, injector.getInstance(FormSignerV4.class));
    }

    boolean matches(Ec2Settings other, Credentials otherCredentials) {
        return settings.equals(other) && credentials.equals(otherCredentials);
    }

    String region() {
        return settings.region();
    }

    AWSEC2Api api() {
        return api;
    }

    /** EC2 Query API actions jclouds does not have, signed like jclouds' own. */
    Ec2Query query() {
        return query;
    }

    BlobStoreContext blobs() {
        BlobStoreContext context = blobs;
        if (context == null) {
            synchronized (this) {
                if (blobs == null) {
                    blobs = S3BlobStoreFactory.build(settings, credentials.user(), credentials.secret());
                }
                context = blobs;
            }
        }
        return context;
    }

    /** A read or other repeatable call, retried on transient failures. */
    <T> T read(String operation, String kind, String id, Callable<T> call) {
        try {
            return guard.idempotent(operation, () -> Ec2Failures.call(call));
        } catch (RemoteRequestException e) {
            throw map(e, kind, id);
        }
    }

    /** A call with effects that must not be repeated blindly: one attempt. */
    <T> T write(String operation, String kind, String id, Callable<T> call) {
        try {
            return guard.once(operation, () -> Ec2Failures.call(call));
        } catch (RemoteRequestException e) {
            throw map(e, kind, id);
        }
    }

    /**
     * A create or change EC2 takes no ClientToken for, retried like a read, but every attempt after the first (and
     * a final look after the last) first asks {@code lookUp} whether an earlier attempt already took effect.
     */
    <T> T lookUpBeforeRetry(String operation, String kind, Callable<Optional<T>> lookUp, Callable<T> change) {
        return LookUpBeforeRetry.create(new LookUpBeforeRetry.RetriedCall() {
            @Override
            public <R> R call(String op, Callable<R> call) {
                return read(op, kind, null, call);
            }
        }, operation, lookUp, change);
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

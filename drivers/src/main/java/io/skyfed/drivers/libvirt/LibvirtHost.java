package io.skyfed.drivers.libvirt;

import io.skyfed.drivers.resilience.FaultPolicy;
import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.resilience.RemoteCallException;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteRequestMapping;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import io.skyfed.drivers.spi.Credentials;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;

/**
 * One libvirt host as the driver keeps it across sessions: its connection (opened on first use, reopened after the
 * transport failed), its fault guard, and the threads libvirt's blocking calls run on.
 *
 * <p>libvirt calls block in native code, which no interrupt can stop; each call therefore runs on a thread of its
 * own while the caller waits with the guard's timeout, so a hung host costs a thread (bounded by the bulkhead), not
 * the caller.
 */
final class LibvirtHost implements AutoCloseable {

    /** A call against an open connection. */
    interface Call<T> {
        T on(Connect connection) throws LibvirtException;
    }

    final String providerId;
    final LibvirtSettings settings;
    final ProviderGuard guard;
    /** Disk uploads, which take as long as the disk needs, not as long as one call may. */
    private final ProviderGuard transfers;
    private final Credentials credentials;
    private final ExecutorService threads;
    private Connect connection;

    LibvirtHost(String providerId, LibvirtSettings settings, FaultPolicy policy, Credentials credentials) {
        this.providerId = providerId;
        this.settings = settings;
        this.credentials = credentials;
        this.guard = new ProviderGuard(providerId, policy);
        this.transfers = new ProviderGuard(providerId + " (transfers)", policy.forTransfers(settings.transferTimeout()));
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "libvirt-" + providerId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    boolean matches(LibvirtSettings otherSettings, Credentials otherCredentials) {
        return settings.equals(otherSettings) && credentials.equals(otherCredentials);
    }

    /** A read or a call whose repetition is harmless: retried on transport failures. */
    <T> T read(String operation, String kind, String id, Call<T> call) {
        try {
            return guard.idempotent(operation, () -> run(call));
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, kind, id);
        }
    }

    /** A call with effects: one attempt. */
    <T> T write(String operation, String kind, String id, Call<T> call) {
        try {
            return guard.once(operation, () -> run(call));
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, kind, id);
        }
    }

    /** A content transfer with effects: one attempt, with the transfer budget. */
    <T> T transfer(String operation, String kind, String id, Call<T> call) {
        try {
            return transfers.once(operation, () -> run(call));
        } catch (RemoteRequestException e) {
            throw RemoteRequestMapping.toDriverException(e, kind, id);
        }
    }

    private <T> T run(Call<T> call) throws InterruptedException {
        Future<T> result = threads.submit(() -> {
            try {
                return call.on(connection());
            } catch (LibvirtException e) {
                RemoteCallException failure = LibvirtFailures.translate(e);
                if (failure instanceof RemoteUnavailableException) {
                    dropConnection();
                }
                throw failure;
            }
        });
        try {
            return result.get();
        } catch (InterruptedException timedOut) {
            result.cancel(true);
            throw timedOut;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new RemoteUnavailableException(e.getCause().toString(), e.getCause());
        }
    }

    private synchronized Connect connection() throws LibvirtException {
        if (connection == null) {
            connection = settings.uri().startsWith("test:") || !credentials.user().isEmpty()
                    ? new Connect(settings.uri(), new PasswordAuth(credentials), 0)
                    : new Connect(settings.uri(), false);
        }
        return connection;
    }

    private synchronized void dropConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (LibvirtException alreadyBroken) {
                // The transport failed; closing what is left of it can fail too, and changes nothing.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        dropConnection();
        threads.shutdownNow();
    }
}

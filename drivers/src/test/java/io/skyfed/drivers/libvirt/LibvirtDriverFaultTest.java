package io.skyfed.drivers.libvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.AuthenticationFailedException;
import io.skyfed.drivers.spi.CircuitState;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ProviderSettings;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Transport faults between the driver and a libvirt daemon, made with local sockets standing in for a remote
 * {@code qemu+tcp://} host: refused, reset, hung. (libvirt has no HTTP status, so 429/Retry-After has no analogue.)
 */
class LibvirtDriverFaultTest {

    private static final Map<String, String> FAST = Map.of("fault.timeout", "PT2S", "fault.max-retries", "2",
            "fault.retry-base", "PT0.01S", "fault.breaker-window", "4", "fault.breaker-delay", "PT60S");

    private final LibvirtDriverFactory factory = new LibvirtDriverFactory();
    private final List<AutoCloseable> servers = new ArrayList<>();

    @AfterEach
    void stopServers() throws Exception {
        for (AutoCloseable s : servers) {
            s.close();
        }
    }

    private DriverSession remote(String providerId, int port) {
        return factory.connect(new Credentials("", ""), new ProviderSettings(providerId,
                URI.create("qemu+tcp://127.0.0.1:" + port + "/system"), null, FAST));
    }

    /** A port nothing listens on. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A daemon that accepts connections and then {@code handle}s each. */
    private int daemon(AtomicInteger connections, SocketHandler handle) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    connections.incrementAndGet();
                    synchronized (held) {
                        held.add(s);
                    }
                    handle.accept(s);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fake-libvirtd");
        acceptor.setDaemon(true);
        acceptor.start();
        servers.add(() -> {
            server.close();
            synchronized (held) {
                for (Socket s : held) {
                    s.close();
                }
            }
        });
        return server.getLocalPort();
    }

    private interface SocketHandler {
        void accept(Socket socket) throws IOException;
    }

    @Test
    void refusedConnectionIsRetriedThenOpensTheBreaker() throws IOException {
        DriverSession session = remote("kvm-refused", closedPort());
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("Connection refused");
        assertThat(factory.health("kvm-refused").orElseThrow().calls()).as("first try and two retries").isEqualTo(3);
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class);
        assertThat(factory.health("kvm-refused").orElseThrow().circuit()).isEqualTo(CircuitState.OPEN);
        long calls = factory.health("kvm-refused").orElseThrow().calls();
        assertThatThrownBy(session::instances).hasMessageContaining("circuit breaker open");
        assertThat(factory.health("kvm-refused").orElseThrow().calls()).isEqualTo(calls);
    }

    @Test
    void connectionResetByTheDaemonIsRetriedAsUnavailable() throws IOException {
        AtomicInteger connections = new AtomicInteger();
        int port = daemon(connections, Socket::close);
        DriverSession session = remote("kvm-reset", port);
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class);
        assertThat(connections).as("each attempt reconnects").hasValue(3);
    }

    @Test
    void hungDaemonTimesOutWithoutHoldingTheCaller() throws IOException {
        AtomicInteger connections = new AtomicInteger();
        int port = daemon(connections, socket -> { });
        DriverSession session = remote("kvm-hung", port);
        assertThatThrownBy(session::realms).isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).timeout()).isTrue());
    }

    @Test
    void volumeCallsOnAHungDaemonTimeOut() throws IOException {
        int port = daemon(new AtomicInteger(), socket -> { });
        DriverSession session = remote("kvm-hung-volumes", port);
        assertThatThrownBy(() -> session.storageVolumes().orElseThrow().get("data"))
                .isInstanceOf(ProviderUnavailableException.class)
                .satisfies(e -> assertThat(((ProviderUnavailableException) e).timeout()).isTrue());
    }

    @Test
    void aSnapshotAgainstAResettingDaemonCopiesNothingAndFailsAsUnavailable() throws IOException {
        AtomicInteger connections = new AtomicInteger();
        int port = daemon(connections, Socket::close);
        DriverSession session = remote("kvm-reset-snapshots", port);
        assertThatThrownBy(() -> session.storageSnapshots().orElseThrow().create("data", "s1", null))
                .isInstanceOf(ProviderUnavailableException.class);
        assertThat(connections).as("the look-up before the copy is retried; the copy is never tried").hasValue(3);
    }

    @Test
    void refusedLoginIsReportedOnceAndDoesNotTripTheBreaker() {
        DriverSession session = factory.connect(new Credentials("skyfed", "expired"),
                LibvirtTestHost.settings("kvm-login", FAST));
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(session::realms).isInstanceOf(AuthenticationFailedException.class)
                    .hasMessageNotContaining("expired");
        }
        assertThat(factory.health("kvm-login").orElseThrow().calls()).as("never retried").isEqualTo(6);
        assertThat(factory.health("kvm-login").orElseThrow().circuit()).isEqualTo(CircuitState.CLOSED);
    }
}

package io.skyfed.drivers.ec2;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ProviderUnavailableException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A provider whose calls hang fills its own bulkhead; another provider of the same driver keeps answering. */
class Ec2BulkheadIsolationTest {

    private final Ec2Stubs slow = new Ec2Stubs();
    private final Ec2Stubs healthy = new Ec2Stubs();
    private final ExecutorService callers = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        callers.shutdownNow();
        slow.close();
        healthy.close();
    }

    @Test
    void slowProviderCannotStarveAnother() throws Exception {
        Map<String, String> oneAtATime = Map.of("fault.bulkhead-limit", "1", "fault.bulkhead-queue", "0",
                "fault.timeout", "PT8S", "fault.max-retries", "0");
        Ec2DriverFactory factory = new Ec2DriverFactory();
        DriverSession slowSession = factory.connect(Ec2Stubs.credentials(), slow.settings("slow", oneAtATime));
        DriverSession healthySession = factory.connect(Ec2Stubs.credentials(),
                healthy.settings("healthy", oneAtATime));
        slow.ec2Server.stubFor(post(urlEqualTo("/")).atPriority(1)
                .withRequestBody(containing("Action=DescribeAvailabilityZones&"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody("<DescribeAvailabilityZonesResponse><availabilityZoneInfo/>"
                                + "</DescribeAvailabilityZonesResponse>").withFixedDelay(3_000)));

        Future<?> hanging = callers.submit(slowSession::realms);
        awaitRequest(slow);

        assertThatThrownBy(slowSession::realms).isInstanceOf(ProviderUnavailableException.class)
                .hasMessageContaining("too many concurrent calls");
        assertThat(healthySession.realms()).isNotEmpty();
        assertThat(healthySession.instances()).isNotEmpty();
        hanging.get(30, TimeUnit.SECONDS);
    }

    private static void awaitRequest(Ec2Stubs stubs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (stubs.ec2Server.getAllServeEvents().stream()
                .noneMatch(e -> e.getRequest().getBodyAsString().contains("Action=DescribeAvailabilityZones&"))) {
            assertThat(System.nanoTime()).as("the slow call to reach the provider").isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }
}

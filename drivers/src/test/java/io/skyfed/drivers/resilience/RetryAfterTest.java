package io.skyfed.drivers.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-26T16:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsDelaySecondsAndHttpDates() {
        assertThat(RetryAfter.parse("7", clock)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Thu, 26 Nov 2026 16:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Thu, 26 Nov 2026 15:00:00 GMT", clock)).contains(Duration.ZERO);
    }

    @Test
    void ignoresAbsentOrHostileValues() {
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse("-5", clock)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999999", clock)).isEmpty();
    }

    @Test
    void statusesMapToTheirFailureKinds() {
        assertThat(HttpFailures.fromStatus(429, "3", "", null)).isInstanceOf(RemoteThrottledException.class)
                .extracting(e -> ((RemoteThrottledException) e).retryAfter()).isEqualTo(java.util.Optional.of(Duration.ofSeconds(3)));
        assertThat(HttpFailures.fromStatus(503, null, "", null)).isExactlyInstanceOf(RemoteUnavailableException.class);
        assertThat(HttpFailures.fromStatus(401, null, "", null)).isInstanceOf(RemoteCredentialsException.class);
        assertThat(HttpFailures.fromStatus(404, null, "", null)).isInstanceOf(RemoteRequestException.class);
    }
}

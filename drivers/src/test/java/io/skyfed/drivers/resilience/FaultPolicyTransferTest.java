package io.skyfed.drivers.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The transfer policy: a long budget of its own and a small bulkhead, the rest of the provider's rules kept. */
class FaultPolicyTransferTest {

    @Test
    void transferTimeoutDefaultsToSixHoursAndIsReadFromSettings() {
        assertThat(FaultPolicy.transferTimeout(Map.of())).isEqualTo(Duration.ofHours(6));
        assertThat(FaultPolicy.transferTimeout(Map.of("transfer-timeout", "PT45M"))).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void malformedTransferTimeoutIsRefusedWithItsName() {
        assertThatThrownBy(() -> FaultPolicy.transferTimeout(Map.of("transfer-timeout", "six hours")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transfer-timeout");
    }

    @Test
    void transferPolicyReplacesOnlyTheBudgetAndTheBulkhead() {
        FaultPolicy calls = FaultPolicy.fromSettings(Map.of("fault.timeout", "PT0.5S", "fault.breaker-window", "7"));
        FaultPolicy transfers = calls.forTransfers(Duration.ofHours(2));
        assertThat(transfers.timeout()).isEqualTo(Duration.ofHours(2));
        assertThat(transfers.breakerWindow()).isEqualTo(7);
        assertThat(transfers.breakerRatio()).isEqualTo(calls.breakerRatio());
        assertThat(transfers.bulkheadLimit()).isEqualTo(2);
        assertThat(transfers.bulkheadQueue()).isEqualTo(4);
    }
}

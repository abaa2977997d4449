package io.skyfed.broker.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The choice of a target's hardware profile, over profiles shaped like the drivers' (fixed, ranged, opaque). */
class ProfileFitTest {

    private static final List<HardwareProfile> OFFERED = List.of(
            fixed("small", "1", "1024"),
            fixed("medium", "2", "4096"),
            fixed("large", "4", "8192"),
            new HardwareProfile("custom", "custom", List.of(
                    HardwareProperty.range(HardwareProperty.CPU, "count", "1", "16", "1"),
                    HardwareProperty.range(HardwareProperty.MEMORY, "MB", "256", "65536", "1024"))),
            new HardwareProfile("big-mem", "big-mem", List.of(
                    HardwareProperty.fixed(HardwareProperty.CPU, "count", "2"),
                    HardwareProperty.enumeration(HardwareProperty.MEMORY, "MB", List.of("16384", "32768"), "16384"))),
            new HardwareProfile("opaque", "opaque", List.of()));

    @Test
    void theSmallestSizeThatHoldsTheWorkloadWins() {
        ProfileFit.Choice fixed = ProfileFit.choose(new ProfileFit.Needs(2, 3000), OFFERED.subList(0, 3), null, "site");
        assertThat(fixed.profileId()).isEqualTo("medium");
        assertThat(fixed.overrides()).isEmpty();
        assertThat(fixed.explanation()).contains("smallest", "2 CPU(s) and 3000 MB");
        // A range sized to the needs is smaller still than the next fixed size.
        ProfileFit.Choice ranged = ProfileFit.choose(new ProfileFit.Needs(2, 3000), OFFERED, null, "site");
        assertThat(ranged.profileId()).isEqualTo("custom");
        assertThat(ranged.overrides()).isEqualTo(Map.of("cpu", "2", "memory", "3000"));
    }

    @Test
    void aFixedSizeWinsATieWithARangeSizedToTheSameValues() {
        assertThat(ProfileFit.choose(new ProfileFit.Needs(4, 8192), OFFERED, null, "site").profileId())
                .isEqualTo("large");
    }

    @Test
    void aRangeIsSizedToTheNeedsWhenNoFixedSizeHoldsThem() {
        ProfileFit.Choice choice = ProfileFit.choose(new ProfileFit.Needs(6, 12288), OFFERED, null, "site");
        assertThat(choice.profileId()).isEqualTo("custom");
        assertThat(choice.overrides()).isEqualTo(Map.of("cpu", "6", "memory", "12288"));
    }

    @Test
    void anEnumerationTakesItsSmallestValueThatHolds() {
        ProfileFit.Choice choice = ProfileFit.choose(new ProfileFit.Needs(2, 20000),
                List.of(OFFERED.get(4), OFFERED.get(5)), null, "site");
        assertThat(choice.profileId()).isEqualTo("big-mem");
        assertThat(choice.overrides()).isEqualTo(Map.of("memory", "32768"));
    }

    @Test
    void nothingFitsSaysWhatWasOffered() {
        assertThatThrownBy(() -> ProfileFit.choose(new ProfileFit.Needs(32, 1024), OFFERED, null, "site-x"))
                .isInstanceOf(PermanentFailure.class)
                .hasMessageContaining("no hardware profile of site-x fits the workload's 32 CPU(s) and 1024 MB")
                .hasMessageContaining("custom (1-16 CPU, 256-65536 MB)").hasMessageContaining("opaque (? CPU");
    }

    @Test
    void anExplicitProfileIsHonouredAndAnUnknownOneRefused() {
        ProfileFit.Choice asked = ProfileFit.choose(new ProfileFit.Needs(1, 512), OFFERED, "large", "site");
        assertThat(asked.profileId()).isEqualTo("large");
        assertThat(asked.explanation()).contains("as requested");
        assertThatThrownBy(() -> ProfileFit.choose(new ProfileFit.Needs(1, 512), OFFERED, "huge", "site"))
                .isInstanceOf(PermanentFailure.class).hasMessageContaining("'huge'").hasMessageContaining("[small,");
    }

    @Test
    void unknownNeedsLeaveTheChoiceToTheDriver() {
        ProfileFit.Choice choice = ProfileFit.choose(new ProfileFit.Needs(0, 0), OFFERED, null, "site");
        assertThat(choice.profileId()).isNull();
        assertThat(choice.explanation()).contains("default profile");
    }

    private static HardwareProfile fixed(String id, String cpus, String memoryMb) {
        return new HardwareProfile(id, id, List.of(HardwareProperty.fixed(HardwareProperty.CPU, "count", cpus),
                HardwareProperty.fixed(HardwareProperty.MEMORY, "MB", memoryMb)));
    }
}

package io.skyfed.drivers.contract;

import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.HardwareProfile;
import io.skyfed.drivers.spi.HardwareProperty;
import io.skyfed.drivers.spi.Image;
import io.skyfed.drivers.spi.ImageFilter;
import io.skyfed.drivers.spi.InstanceSpec;
import io.skyfed.drivers.spi.InvalidArgumentException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The contract of hardware profiles with ranges (memory, cpu, storage chosen at create), for drivers that have them. */
public interface RangedProfilesContract extends DriverUnderTest {

    @Test
    default void createRefusesValuesOutsideTheProfile() {
        Image image = imageWithRangedProfile(session()).orElseThrow();
        HardwareProfile profile = image.hardwareProfileIds().stream().map(session()::hardwareProfile)
                .filter(RangedProfilesContract::hasRange).findFirst().orElseThrow();
        HardwareProperty range = profile.properties().stream()
                .filter(p -> p.kind() == HardwareProperty.Kind.RANGE).findFirst().orElseThrow();
        String tooBig = String.valueOf(Double.parseDouble(range.last()) + 1);
        int before = session().instances().size();
        assertThatThrownBy(() -> session().createInstance(new InstanceSpec(image.id(), null, profile.id(),
                Map.of(range.name(), tooBig), null, null, null, List.of())))
                .isInstanceOf(InvalidArgumentException.class)
                .extracting(e -> ((InvalidArgumentException) e).parameter()).isEqualTo(range.parameterName());
        assertThat(session().instances()).hasSize(before);
    }

    /** The first image that can boot with a profile having a range, if the driver has one. */
    static Optional<Image> imageWithRangedProfile(DriverSession session) {
        return session.images(ImageFilter.ALL).stream()
                .filter(i -> i.hardwareProfileIds().stream().map(session::hardwareProfile)
                        .anyMatch(RangedProfilesContract::hasRange))
                .findFirst();
    }

    private static boolean hasRange(HardwareProfile profile) {
        return profile.properties().stream().anyMatch(p -> p.kind() == HardwareProperty.Kind.RANGE);
    }
}

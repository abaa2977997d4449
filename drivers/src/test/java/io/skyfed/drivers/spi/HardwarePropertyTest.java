package io.skyfed.drivers.spi;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HardwarePropertyTest {

    @Test
    void fixedAcceptsItsValueInAnyNumericSpelling() {
        HardwareProperty memory = HardwareProperty.fixed("memory", "MB", "1740.8");
        assertThat(memory.accepts("1740.80")).isTrue();
        assertThat(memory.accepts("1741")).isFalse();
        assertThat(HardwareProperty.fixed("architecture", "label", "i386").accepts("x86_64")).isFalse();
    }

    @Test
    void rangeAcceptsItsBoundsAndRefusesNonNumbers() {
        HardwareProperty cpu = HardwareProperty.range("cpu", "count", "1", "6", "1");
        assertThat(cpu.accepts("1")).isTrue();
        assertThat(cpu.accepts("6")).isTrue();
        assertThat(cpu.accepts("7")).isFalse();
        assertThat(cpu.accepts("0")).isFalse();
        assertThat(cpu.accepts("NaN")).isFalse();
        assertThat(cpu.accepts("lots")).isFalse();
        assertThat(cpu.parameterName()).isEqualTo("hwp_cpu");
    }

    @Test
    void enumAcceptsOnlyItsValuesAndNeedsItsDefaultAmongThem() {
        HardwareProperty storage = HardwareProperty.enumeration("storage", "GB", List.of("850", "1024"), "850");
        assertThat(storage.accepts("1024")).isTrue();
        assertThat(storage.accepts("900")).isFalse();
        assertThatThrownBy(() -> HardwareProperty.enumeration("storage", "GB", List.of("850"), "900"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void credentialsNeverPrintTheirSecret() {
        assertThat(new Credentials("u", "s3cr3t").toString()).doesNotContain("s3cr3t");
    }
}

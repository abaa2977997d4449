package io.skyfed.drivers.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceSpecTest {

    @Test
    void aRequestTokenIsOptionalAndBoundedToWhatProvidersAccept() {
        assertThat(InstanceSpec.ofImage("img1").requestToken()).isNull();
        assertThat(spec("skyfed-" + "a".repeat(57)).requestToken()).hasSize(64);
        assertThatThrownBy(() -> spec("x".repeat(65))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("64");
        assertThatThrownBy(() -> spec("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec("with space")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec("naïve")).isInstanceOf(IllegalArgumentException.class);
    }

    private static InstanceSpec spec(String token) {
        return new InstanceSpec("img1", null, null, Map.of(), null, null, null, List.of(), token);
    }
}

package io.skyfed.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WriteOptionsTest {

    @Test
    void parsesQemuOptionSyntaxWithEscapedCommas() {
        assertThat(WriteOptions.parse("subformat=streamOptimized,adapter_type=lsilogic,x=a,,b"))
                .containsEntry("subformat", "streamOptimized")
                .containsEntry("adapter_type", "lsilogic")
                .containsEntry("x", "a,b")
                .hasSize(3);
    }

    @Test
    void rejectsItemsWithoutValue() {
        assertThatThrownBy(() -> WriteOptions.parse("compat"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("compat");
    }
}

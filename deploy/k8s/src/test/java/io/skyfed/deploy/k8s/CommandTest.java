package io.skyfed.deploy.k8s;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A tool the checks need fails the build with how to install it, rather than skipping the check. */
class CommandTest {

    @Test
    void aMissingToolFailsWithTheInstallHint() {
        assertThatThrownBy(() -> Command.run(List.of("skyfed-no-such-tool"), null, "", "(install it like this)"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot run skyfed-no-such-tool (install it like this)");
    }

    @Test
    void aToolThatFailsIsReportedWithItsErrorOutput() {
        assertThatThrownBy(() -> Command.output(List.of("sh", "-c", "echo broken >&2; exit 3"), null, "", ""))
                .hasMessage("sh -c echo broken >&2; exit 3 exited with 3: broken");
    }

    @Test
    void standardInputReachesTheTool() {
        assertThat(Command.output(List.of("cat"), null, "rendered", "")).isEqualTo("rendered");
    }
}

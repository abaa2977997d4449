package io.skyfed.policy;

import static io.skyfed.policy.Fixtures.NOW;
import static io.skyfed.policy.Fixtures.engine;
import static io.skyfed.policy.Fixtures.site;
import static io.skyfed.policy.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.policy.decision.SimulationReport;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Trace;
import io.skyfed.policy.model.TraceStep;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What-if replay over a capacity trace. */
class SimulationTest {

    private static final PolicyEngine BURSTY = engine("name: bursty\nburst:\n  triggers:\n    - name: full\n"
            + "      utilisationAbove: 90%\nmigrations:\n  - name: home\n    repatriate: true\n    for: 1h\n");

    @Test
    void burstsWhenOnPremiseFillsAndComesHomeWhenCapacityReturns() {
        Site cloud = site("cloud").publicCloud().capacity(64).vcpuHour(1.0).build();
        Trace trace = new Trace(List.of(), List.of(), List.of(
                new TraceStep(NOW, List.of(site("op").capacity(10).used(10).build(), cloud),
                        List.of(workload("w").vcpu(2).build()), List.of()),
                new TraceStep(NOW.plus(Duration.ofHours(1)), List.of(site("op").capacity(10).used(2).build(), cloud),
                        List.of(), List.of()),
                new TraceStep(NOW.plus(Duration.ofHours(2)), List.of(site("op").capacity(10).used(2).build(), cloud),
                        List.of(), List.of()),
                new TraceStep(NOW.plus(Duration.ofHours(3)), List.of(site("op").capacity(10).used(2).build(), cloud),
                        List.of(), List.of("w"))));
        SimulationReport r = BURSTY.simulate(trace);
        assertThat(r.steps()).isEqualTo(4);
        assertThat(r.bursts()).isEqualTo(1);
        assertThat(r.moves()).isEqualTo(1);
        assertThat(r.timeline().get(0).activeTriggers()).containsExactly("full");
        assertThat(r.timeline().get(2).changes()).singleElement()
                .satisfies(d -> assertThat(d.target()).isEqualTo("op"));
        // Two hours on the cloud at 2 vCPU x 1.0, then free on premise; the move out costs 20 GiB x 0.1.
        assertThat(r.runningCost()).isEqualTo(4.0);
        assertThat(r.egressCost()).isEqualTo(2.0);
        assertThat(r.totalCost()).isEqualTo(6.0);
    }

    @Test
    void aVanishedSiteStrandsItsWorkloadsAndTheyArePlacedAgain() {
        Trace trace = new Trace(List.of(), List.of(), List.of(
                new TraceStep(NOW, List.of(site("a").build(), site("b").build()), List.of(workload("w").build()),
                        List.of()),
                new TraceStep(NOW.plusSeconds(60), List.of(site("b").build()), List.of(), List.of())));
        SimulationReport r = BURSTY.simulate(trace);
        assertThat(r.placements()).isEqualTo(2);
        assertThat(r.timeline().get(1).changes()).singleElement()
                .satisfies(d -> assertThat(d.target()).isEqualTo("b"));
    }

    @Test
    void stepsOutOfOrderAreRefused() {
        Trace trace = new Trace(List.of(), List.of(), List.of(new TraceStep(NOW, List.of(), List.of(), List.of()),
                new TraceStep(NOW.minusSeconds(1), List.of(), List.of(), List.of())));
        assertThatThrownBy(() -> BURSTY.simulate(trace)).isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("time order");
    }
}

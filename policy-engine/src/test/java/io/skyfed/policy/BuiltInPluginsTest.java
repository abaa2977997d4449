package io.skyfed.policy;

import static io.skyfed.policy.Fixtures.engine;
import static io.skyfed.policy.Fixtures.site;
import static io.skyfed.policy.Fixtures.snapshot;
import static io.skyfed.policy.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.policy.decision.Action;
import io.skyfed.policy.decision.Decision;
import io.skyfed.policy.decision.Decisions;
import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Tenant;
import io.skyfed.policy.model.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every built-in plugin, through decisions. */
class BuiltInPluginsTest {

    private static final PolicyEngine DEFAULTS = engine("name: defaults\n");

    @Test
    void capacityFitRejectsSitesWithoutRoomAndDrainedSites() {
        Decisions d = DEFAULTS.decide(snapshot(
                List.of(site("small").capacity(2).build(), site("big").capacity(16).build(),
                        site("down").capacity(64).drained().build()),
                List.of(workload("w").vcpu(4).build())));
        Decision w = d.of("w").orElseThrow();
        assertThat(w.action()).isEqualTo(Action.PLACE);
        assertThat(w.target()).isEqualTo("big");
        assertThat(w.rejections().bySite()).containsOnly(
                Map.entry("small", List.of("capacity-fit")), Map.entry("down", List.of("capacity-fit")));
    }

    @Test
    void residencyNeedsAnAllowedJurisdictionAndEveryCertification() {
        Decisions d = DEFAULTS.decide(snapshot(
                List.of(site("us").jurisdiction("US").certifications("hds").build(),
                        site("eu-plain").jurisdiction("EU").build(),
                        site("eu-hds").jurisdiction("EU").certifications("hds", "iso").build()),
                List.of(workload("w").residency("EU", "CH").certifications("hds").build())));
        Decision w = d.of("w").orElseThrow();
        assertThat(w.target()).isEqualTo("eu-hds");
        assertThat(w.rejections().of("us")).containsExactly("residency");
        assertThat(w.rejections().of("eu-plain")).containsExactly("residency");
    }

    @Test
    void tenantQuotaAndBudgetAreEnforcedAcrossTheBatch() {
        Tenant capped = new Tenant("t1", 0, new Resources(3, 1 << 20, 1 << 20, 0));
        Snapshot s = new Snapshot(Fixtures.NOW, List.of(site("a").build()), List.of(capped),
                List.of(workload("w1").vcpu(2).build(), workload("w2").vcpu(2).build()), Map.of());
        Decisions d = DEFAULTS.decide(s);
        assertThat(d.of("w1").orElseThrow().action()).isEqualTo(Action.PLACE);
        assertThat(d.of("w2").orElseThrow().action()).isEqualTo(Action.REJECT);
        assertThat(d.of("w2").orElseThrow().rejections().of("a")).containsExactly("tenant-quota");

        Tenant budget = new Tenant("t1", 1.0, null);
        Snapshot priced = new Snapshot(Fixtures.NOW,
                List.of(site("cheap").vcpuHour(0.1).capacity(8).build(), site("dear").vcpuHour(0.5).build()),
                List.of(budget), List.of(workload("w").vcpu(2).build(), workload("x").vcpu(8).build()), Map.of());
        Decisions b = DEFAULTS.decide(priced);
        assertThat(b.of("w").orElseThrow().target()).isEqualTo("cheap");
        // x would cost 0.8/h on cheap (no room left) or 4.0/h on dear: over the 1.0/h budget with w's 0.2/h.
        assertThat(b.of("x").orElseThrow().rejections().of("dear")).contains("tenant-quota");
    }

    @Test
    void affinityKeepsAGroupTogether() {
        Decisions d = DEFAULTS.decide(snapshot(
                List.of(site("a").build(), site("b").build()),
                List.of(workload("running").affinity("g").runningOn("b", Duration.ofDays(1)).build(),
                        workload("new").affinity("g").build())));
        Decision w = d.of("new").orElseThrow();
        assertThat(w.target()).isEqualTo("b");
        assertThat(w.rejections().of("a")).containsExactly("affinity");
    }

    @Test
    void antiAffinitySpreadsAGroupEvenWithinOneBatch() {
        Decisions d = DEFAULTS.decide(snapshot(
                List.of(site("a").build(), site("b").build(), site("c").build()),
                List.of(workload("w1").antiAffinity("g").build(), workload("w2").antiAffinity("g").build(),
                        workload("w3").antiAffinity("g").build(), workload("w4").antiAffinity("g").build())));
        assertThat(d.decisions().stream().filter(x -> x.action() == Action.PLACE).map(Decision::target))
                .containsExactlyInAnyOrder("a", "b", "c");
        Decision fourth = d.decisions().stream().filter(x -> x.action() == Action.REJECT).findFirst().orElseThrow();
        assertThat(fourth.rejections().bySite().values()).allSatisfy(v -> assertThat(v).contains("anti-affinity"));
    }

    @Test
    void spreadPrefersSitesWithFewerOfTheTenantsWorkloads() {
        PolicyEngine spreadOnly = engine("name: p\nplugins:\n  - name: spread\n");
        Decisions d = spreadOnly.decide(snapshot(
                List.of(site("a").build(), site("b").build()),
                List.of(workload("old").runningOn("a", Duration.ofDays(1)).build(), workload("new").build())));
        Decision w = d.of("new").orElseThrow();
        assertThat(w.target()).isEqualTo("b");
        assertThat(w.breakdown()).containsEntry("spread", 100.0);
    }

    @Test
    void costPrefersCheaperSitesAndChargesMovesTheirEgress() {
        PolicyEngine costOnly = engine("name: p\nplugins:\n  - name: cost\n");
        Decisions d = costOnly.decide(snapshot(
                List.of(site("dear").vcpuHour(0.5).build(), site("cheap").vcpuHour(0.1).build()),
                List.of(workload("w").vcpu(2).build())));
        assertThat(d.of("w").orElseThrow().target()).isEqualTo("cheap");
        assertThat(d.of("w").orElseThrow().score()).isEqualTo(100.0);
    }

    @Test
    void burstGateKeepsPendingWorkloadsOnPremiseWithoutATrigger() {
        Decisions d = DEFAULTS.decide(snapshot(
                List.of(site("onprem").capacity(1).build(), site("cloud").publicCloud().capacity(64).build()),
                List.of(workload("w").vcpu(4).build())));
        Decision w = d.of("w").orElseThrow();
        assertThat(w.action()).isEqualTo(Action.REJECT);
        assertThat(w.rejections().of("cloud")).containsExactly("burst-gate");
        assertThat(w.rejections().of("onprem")).containsExactly("capacity-fit");
    }

    @Test
    void aRunningWorkloadOnAnOvercommittedSiteLeavesLowestPriorityFirst() {
        Workload low = workload("low").vcpu(4).priority(1).runningOn("a", Duration.ofDays(1)).build();
        Workload high = workload("high").vcpu(4).priority(9).runningOn("a", Duration.ofDays(1)).build();
        Decisions d = DEFAULTS.decide(snapshot(
                List.of(site("a").capacity(6).used(8).build(), site("b").capacity(16).build()),
                List.of(high, low)));
        assertThat(d.of("low").orElseThrow().action()).isEqualTo(Action.MIGRATE);
        assertThat(d.of("low").orElseThrow().reason()).contains("evacuate").contains("capacity-fit");
        assertThat(d.of("high").orElseThrow().action()).isEqualTo(Action.STAY);
    }
}

package io.skyfed.policy;

import static io.skyfed.policy.Fixtures.NOW;
import static io.skyfed.policy.Fixtures.engine;
import static io.skyfed.policy.Fixtures.site;
import static io.skyfed.policy.Fixtures.snapshot;
import static io.skyfed.policy.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import io.skyfed.policy.decision.Action;
import io.skyfed.policy.decision.Decision;
import io.skyfed.policy.decision.Decisions;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CEL filters and scorers, burst triggers, migration rules, anti-flapping and tenant overrides. */
class RuleKindsTest {

    private static Snapshot at(Instant time, List<Site> sites, List<Workload> workloads, Map<String, Instant> memory) {
        return new Snapshot(time, sites, List.of(), workloads, memory);
    }

    @Test
    void celFilterRejectsAndIsNamedInRejections() {
        PolicyEngine e = engine("name: p\nfilters:\n  - name: gpu-only\n"
                + "    expr: \"!('gpu' in workload.tags) || 'gpu' in site.tags\"\n");
        Decisions d = e.decide(snapshot(List.of(site("plain").build(), site("gpu").tags("gpu").build()),
                List.of(workload("w").tags("gpu").build(), workload("v").build())));
        assertThat(d.of("w").orElseThrow().target()).isEqualTo("gpu");
        assertThat(d.of("w").orElseThrow().rejections().of("plain")).containsExactly("gpu-only");
        assertThat(d.of("v").orElseThrow().rejections().bySite()).isEmpty();
    }

    @Test
    void aFilterThatFailsToEvaluateRejects() {
        PolicyEngine e = engine("name: p\nfilters:\n  - name: near\n"
                + "    expr: site.latencyMs[workload.userLocation] < 50\n");
        Decisions d = e.decide(snapshot(
                List.of(site("known").latency("paris", 10).build(), site("unknown").build()),
                List.of(workload("w").userLocation("paris").build())));
        assertThat(d.of("w").orElseThrow().target()).isEqualTo("known");
        assertThat(d.of("w").orElseThrow().rejections().of("unknown")).containsExactly("near");
    }

    @Test
    void splitFiltersKeepCelsErrorAbsorbingLogic() {
        PolicyEngine e = engine("name: p\nfilters:\n  - name: near-or-unknown\n"
                + "    expr: \"!(workload.userLocation in site.latencyMs) || site.latencyMs[workload.userLocation] < 50"
                + " || workload.priority > 90\"\n  - name: both\n"
                + "    expr: \"site.latencyMs[workload.userLocation] < 500 && site.jurisdiction == 'EU'\"\n");
        List<Site> sites = List.of(site("far").latency("paris", 80).build(), site("near").latency("paris", 5).build(),
                site("us").jurisdiction("US").latency("paris", 5).build(), site("none").build());
        Decisions d = e.decide(snapshot(sites, List.of(workload("w").userLocation("paris").build(),
                workload("vip").userLocation("paris").priority(99).build())));
        assertThat(d.of("w").orElseThrow().rejections().bySite()).containsOnly(
                Map.entry("far", List.of("near-or-unknown")), Map.entry("us", List.of("both")),
                Map.entry("none", List.of("both")));
        assertThat(d.of("vip").orElseThrow().rejections().bySite()).containsOnlyKeys("us", "none");
    }

    @Test
    void scorersAreNormalisedAndWeighted() {
        PolicyEngine e = engine("name: p\nplugins: []\nscorers:\n"
                + "  - name: latency\n    weight: 3\n    expr: \"-double(site.latencyMs['paris'])\"\n"
                + "  - name: onprem\n    weight: 1\n    expr: \"site.onPremise ? 1 : 0\"\n");
        Decisions d = e.decide(new Snapshot(NOW, List.of(
                site("near").latency("paris", 10).publicCloud().build(),
                site("mid").latency("paris", 60).build(),
                site("far").latency("paris", 110).build()), List.of(),
                List.of(workload("w").build()), Map.of("burst/x", NOW)));
        // Only on-premise sites pass the burst gate (no trigger): mid (latency best of the two) wins.
        Decision w = d.of("w").orElseThrow();
        assertThat(w.target()).isEqualTo("mid");
        assertThat(w.breakdown()).containsEntry("latency", 75.0).containsEntry("onprem", 25.0);
        assertThat(w.score()).isEqualTo(100.0);
    }

    @Test
    void utilisationTriggerMustHoldForItsDurationAndHasHysteresis() {
        PolicyEngine e = engine("name: p\nburst:\n  hysteresis: 10%\n  triggers:\n    - name: hot\n"
                + "      utilisationAbove: 80%\n      for: 10m\n");
        List<Workload> pending = List.of(workload("w").vcpu(4).build());
        Site cloud = site("cloud").publicCloud().capacity(64).build();
        Decisions first = e.decide(at(NOW, List.of(site("op").capacity(10).used(9).build(), cloud), pending,
                Map.of()));
        assertThat(first.activeTriggers()).isEmpty();
        assertThat(first.of("w").orElseThrow().action()).isEqualTo(Action.REJECT);
        assertThat(first.memory()).containsEntry("burst/hot", NOW);

        Instant later = NOW.plus(Duration.ofMinutes(10));
        Decisions second = e.decide(at(later, List.of(site("op").capacity(10).used(9).build(), cloud), pending,
                first.memory()));
        assertThat(second.activeTriggers()).containsExactly("hot");
        assertThat(second.of("w").orElseThrow().action()).isEqualTo(Action.BURST);

        // 75% is below 80% but above 80% - 10%: the armed trigger stays on.
        Decisions third = e.decide(at(later.plusSeconds(60),
                List.of(site("op").capacity(100).used(75).build(), cloud), pending, second.memory()));
        assertThat(third.activeTriggers()).containsExactly("hot");
        Decisions fourth = e.decide(at(later.plusSeconds(120),
                List.of(site("op").capacity(100).used(65).build(), cloud), List.of(), third.memory()));
        assertThat(fourth.activeTriggers()).isEmpty();
        assertThat(fourth.memory()).doesNotContainKey("burst/hot");
    }

    @Test
    void pendingAndCelTriggers() {
        PolicyEngine e = engine("name: p\nburst:\n  triggers:\n    - name: backlog\n      pendingAbove: 1\n"
                + "    - name: big\n      when: fleet.pendingVcpu >= 100\n");
        List<Site> sites = List.of(site("op").capacity(0).build(), site("cloud").publicCloud().capacity(512).build());
        assertThat(e.decide(snapshot(sites, List.of(workload("a").build()))).activeTriggers()).isEmpty();
        assertThat(e.decide(snapshot(sites, List.of(workload("a").build(), workload("b").build())))
                .activeTriggers()).containsExactly("backlog");
        assertThat(e.decide(snapshot(sites, List.of(workload("a").vcpu(100).build()))).activeTriggers())
                .containsExactly("big");
    }

    @Test
    void repatriationBringsAWorkloadHomeOnceCapacityReturnsAndHolds() {
        PolicyEngine e = engine("name: p\nmigrations:\n  - name: home\n    repatriate: true\n    for: 30m\n");
        List<Site> sites = List.of(site("op").capacity(16).build(),
                site("cloud").publicCloud().capacity(64).used(4).vcpuHour(0.5).build());
        Workload burst = workload("w").vcpu(4).runningOn("cloud", Duration.ofHours(5)).build();
        Decisions first = e.decide(at(NOW, sites, List.of(burst), Map.of()));
        assertThat(first.of("w").orElseThrow().action()).isEqualTo(Action.STAY);
        Decisions later = e.decide(at(NOW.plus(Duration.ofMinutes(30)), sites, List.of(burst), first.memory()));
        Decision w = later.of("w").orElseThrow();
        assertThat(w.action()).isEqualTo(Action.MIGRATE);
        assertThat(w.target()).isEqualTo("op");
        assertThat(w.reason()).isEqualTo("home");
        // 40 GiB at 0.1 per GiB; 40 GiB over 1,000 Mbit/s.
        assertThat(w.move().egressCost()).isEqualTo(4.0);
        assertThat(w.move().transferSeconds()).isEqualTo(344);
    }

    @Test
    void cheaperElsewhereNeedsItsSavingForTheWholeWindowWithHysteresis() {
        PolicyEngine e = engine("name: p\nmigrations:\n  - name: cheaper\n    cheaperBy: 30%\n    for: 6h\n"
                + "stability:\n  hysteresis: 10%\n");
        Workload w = workload("w").vcpu(2).runningOn("dear", Duration.ofDays(10)).build();
        List<Site> save40 = List.of(site("dear").vcpuHour(1.0).used(2).build(), site("cheap").vcpuHour(0.6).build());
        List<Site> save25 = List.of(site("dear").vcpuHour(1.0).used(2).build(), site("cheap").vcpuHour(0.75).build());
        List<Site> save10 = List.of(site("dear").vcpuHour(1.0).used(2).build(), site("cheap").vcpuHour(0.9).build());

        Decisions t0 = e.decide(at(NOW, save40, List.of(w), Map.of()));
        assertThat(t0.of("w").orElseThrow().action()).isEqualTo(Action.STAY);
        // 25% is under 30% but within the 10% hysteresis: the timer keeps running.
        Decisions t3 = e.decide(at(NOW.plus(Duration.ofHours(3)), save25, List.of(w), t0.memory()));
        assertThat(t3.memory()).containsEntry("migration/cheaper/w", NOW);
        Decisions t6 = e.decide(at(NOW.plus(Duration.ofHours(6)), save40, List.of(w), t3.memory()));
        assertThat(t6.of("w").orElseThrow().action()).isEqualTo(Action.MIGRATE);
        assertThat(t6.of("w").orElseThrow().target()).isEqualTo("cheap");

        // A 10% saving breaks the window; it starts again from scratch.
        Decisions broken = e.decide(at(NOW.plus(Duration.ofHours(3)), save10, List.of(w), t0.memory()));
        assertThat(broken.memory()).doesNotContainKey("migration/cheaper/w");
        Decisions restart = e.decide(at(NOW.plus(Duration.ofHours(6)), save40, List.of(w), broken.memory()));
        assertThat(restart.of("w").orElseThrow().action()).isEqualTo(Action.STAY);
    }

    @Test
    void minimumDwellHoldsAFiringRuleBack() {
        PolicyEngine e = engine("name: p\nmigrations:\n  - name: leave\n    when: \"'degraded' in site.tags\"\n"
                + "stability:\n  minDwell: 2h\n");
        List<Site> sites = List.of(site("bad").tags("degraded").used(1).build(), site("good").build());
        Decision young = e.decide(snapshot(sites, List.of(workload("w").runningOn("bad", Duration.ofMinutes(30))
                .build()))).of("w").orElseThrow();
        assertThat(young.action()).isEqualTo(Action.STAY);
        assertThat(young.reason()).contains("minimum dwell").contains("30 of 120 minutes");
        Decision old = e.decide(snapshot(sites, List.of(workload("w").runningOn("bad", Duration.ofHours(3))
                .build()))).of("w").orElseThrow();
        assertThat(old.action()).isEqualTo(Action.MIGRATE);
        assertThat(old.target()).isEqualTo("good");
        assertThat(old.reason()).isEqualTo("leave");
    }

    @Test
    void migrationRulesTakePrecedenceInDeclaredOrder() {
        PolicyEngine e = engine("name: p\nmigrations:\n  - name: first\n    when: target.id == 'b'\n"
                + "  - name: second\n    when: 'true'\n");
        List<Site> sites = List.of(site("a").used(1).build(), site("b").build(), site("c").build());
        Decision d = e.decide(snapshot(sites, List.of(workload("w").runningOn("a", Duration.ofDays(1)).build())))
                .of("w").orElseThrow();
        assertThat(d.reason()).isEqualTo("first");
    }

    @Test
    void tenantOverridesChangeWeightsFiltersBurstAndDwell() {
        PolicyEngine e = engine("name: p\nplugins:\n  - name: cost\n  - name: spread\n"
                + "scorers:\n  - name: prefer-b\n    weight: 5\n    expr: \"site.id == 'b' ? 1 : 0\"\n"
                + "tenants:\n  thrifty:\n    weights: {cost: 100}\n  picky:\n    filters:\n"
                + "      - name: only-c\n        expr: site.id == 'c'\n  cloudy:\n    burst: always\n"
                + "    weights: {prefer-b: 0}\n");
        List<Site> sites = List.of(site("a").vcpuHour(0.1).build(), site("b").vcpuHour(0.9).build(),
                site("c").vcpuHour(0.5).build(), site("cloud").publicCloud().vcpuHour(0.01).build());
        Decisions d = e.decide(snapshot(sites, List.of(workload("default").build(),
                workload("thrifty").tenant("thrifty").build(), workload("picky").tenant("picky").build(),
                workload("cloudy").tenant("cloudy").build())));
        assertThat(d.of("default").orElseThrow().target()).isEqualTo("b");
        assertThat(d.of("thrifty").orElseThrow().target()).isEqualTo("a");
        assertThat(d.of("picky").orElseThrow().target()).isEqualTo("c");
        assertThat(d.of("picky").orElseThrow().rejections().of("b")).containsExactly("only-c");
        assertThat(d.of("cloudy").orElseThrow().action()).isEqualTo(Action.BURST);
        assertThat(d.of("cloudy").orElseThrow().reason()).isEqualTo("tenant bursts always");
    }

    @Test
    void tenantsCanDisableRulesAndShortenDwell() {
        PolicyEngine e = engine("name: p\nfilters:\n  - name: no-a\n    expr: site.id != 'a'\n"
                + "migrations:\n  - name: go\n    when: 'true'\nstability:\n  minDwell: 1d\n"
                + "tenants:\n  free:\n    disable: [no-a]\n    minDwell: 1m\n");
        List<Site> sites = List.of(site("a").used(1).build(), site("b").build());
        Decisions d = e.decide(snapshot(sites, List.of(workload("x").build(), workload("y").tenant("free")
                .build(), workload("z").tenant("free").runningOn("b", Duration.ofMinutes(5)).build())));
        assertThat(d.of("x").orElseThrow().target()).isEqualTo("b");
        assertThat(d.of("y").orElseThrow().rejections().bySite()).doesNotContainKey("a");
        assertThat(d.of("z").orElseThrow().action()).isEqualTo(Action.MIGRATE);
    }
}

package io.skyfed.policy;

import static io.skyfed.policy.Fixtures.engine;
import static io.skyfed.policy.Fixtures.site;
import static io.skyfed.policy.Fixtures.snapshot;
import static io.skyfed.policy.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.policy.bench.SyntheticFleet;
import io.skyfed.policy.decision.Action;
import io.skyfed.policy.decision.Decision;
import io.skyfed.policy.decision.Decisions;
import io.skyfed.policy.engine.DecisionSession;
import io.skyfed.policy.io.Documents;
import io.skyfed.policy.model.Resources;
import io.skyfed.policy.model.Site;
import io.skyfed.policy.model.Snapshot;
import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.PluginRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Batch accounting, determinism and incremental re-evaluation. */
class BatchDecisionTest {

    private static final PolicyEngine SYNTHETIC = PolicyEngine.parse("synthetic.yaml", SyntheticFleet.policy(20),
            PluginRegistry.builtIn());

    @Test
    void aBatchNeverOvercommitsASite() {
        List<Workload> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add(workload(String.format("w%02d", i)).vcpu(3).build());
        }
        Decisions d = engine("name: p\n").decide(snapshot(
                List.of(site("a").capacity(10).build(), site("b").capacity(7).build()), many));
        Map<String, Long> used = new HashMap<>();
        d.decisions().stream().filter(x -> x.action() == Action.PLACE)
                .forEach(x -> used.merge(x.target(), 3L, Long::sum));
        assertThat(used).containsEntry("a", 9L).containsEntry("b", 6L);
        assertThat(d.count(Action.REJECT)).isEqualTo(15);
    }

    @Test
    void noSiteIsOvercommittedOnASyntheticFleet() {
        Snapshot s = SyntheticFleet.snapshot(2000, 100, 7);
        Decisions d = SYNTHETIC.decide(s);
        Map<String, Site> sites = new HashMap<>();
        s.sites().forEach(x -> sites.put(x.id(), x));
        Map<String, Workload> workloads = new HashMap<>();
        s.workloads().forEach(w -> workloads.put(w.id(), w));
        Map<String, Resources> added = new HashMap<>();
        for (Decision x : d.decisions()) {
            if (x.action() == Action.PLACE || x.action() == Action.BURST || x.action() == Action.MIGRATE) {
                added.merge(x.target(), workloads.get(x.workload()).size(), Resources::plus);
            }
        }
        added.forEach((id, extra) -> {
            Site site = sites.get(id);
            assertThat(site.used().plus(extra).fits(site.capacity()))
                    .as("site %s: %s used + %s placed within %s", id, site.used(), extra, site.capacity()).isTrue();
        });
        assertThat(d.count(Action.PLACE) + d.count(Action.BURST)).isPositive();
    }

    @Test
    void sameInputSameOutputWhateverTheInputOrder() throws Exception {
        Snapshot s = SyntheticFleet.snapshot(1500, 80, 11);
        List<Site> sites = new ArrayList<>(s.sites());
        List<Workload> workloads = new ArrayList<>(s.workloads());
        Collections.shuffle(sites, new Random(1));
        Collections.shuffle(workloads, new Random(2));
        Snapshot shuffled = new Snapshot(s.time(), sites, s.tenants(), workloads, s.memory());
        String a = Documents.json().writeValueAsString(SYNTHETIC.decide(s));
        String b = Documents.json().writeValueAsString(SYNTHETIC.decide(shuffled));
        assertThat(b).isEqualTo(a);
    }

    @Test
    void tiesGoToTheLowestSiteId() {
        Decisions d = engine("name: p\nplugins: []\n").decide(snapshot(
                List.of(site("c").build(), site("a").build(), site("b").build()), List.of(workload("w").build())));
        assertThat(d.of("w").orElseThrow().target()).isEqualTo("a");
    }

    @Test
    void incrementalReEvaluationMatchesAFreshDecisionAndOnlyReEvaluatesTheChangedSite() {
        Snapshot s = SyntheticFleet.snapshot(800, 60, 5);
        DecisionSession session = SYNTHETIC.session();
        session.decide(s);
        long coldEvaluations = session.celEvaluations();
        Site changed = s.sites().get(3);
        Site bigger = changed.withCapacity(changed.capacity().plus(new Resources(512, 1 << 21, 10_000, 8)));
        Decisions incremental = session.updateSite(bigger);
        long extra = session.celEvaluations() - coldEvaluations;

        List<Site> sites = new ArrayList<>(s.sites());
        sites.set(3, bigger);
        Decisions fresh = SYNTHETIC.decide(s.withSites(sites));
        assertThat(incremental).isEqualTo(fresh);
        // Only rule parts that read the site's capacity, for the one changed site: at most one evaluation per
        // workload class of each such part, far fewer than the cold batch needed.
        assertThat(extra).isLessThan(coldEvaluations / 10);
        assertThat(session.updateSite(bigger)).isEqualTo(fresh);
        assertThat(session.celEvaluations() - coldEvaluations).isEqualTo(extra);
    }

    @Test
    void updatingAnUnknownSiteIsRefused() {
        DecisionSession session = SYNTHETIC.session();
        assertThatThrownBy(() -> session.updateSite(site("x").build())).isInstanceOf(IllegalStateException.class);
        session.decide(snapshot(List.of(site("a").build()), List.of()));
        assertThatThrownBy(() -> session.updateSite(site("x").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no site 'x'");
    }

    @Test
    void invalidSnapshotsAreRefusedWithEveryProblem() {
        Snapshot bad = snapshot(List.of(site("a").build(), site("a").build()),
                List.of(workload("w").runningOn("nowhere", Duration.ofHours(1)).build(),
                        workload("w").tags("x".repeat(300)).build()));
        assertThatThrownBy(() -> engine("name: p\n").decide(bad)).isInstanceOfSatisfying(
                InvalidDocumentException.class, e -> assertThat(e.errors()).extracting(LocatedError::message)
                        .anySatisfy(m -> assertThat(m).contains("duplicate site id"))
                        .anySatisfy(m -> assertThat(m).contains("no site 'nowhere'"))
                        .anySatisfy(m -> assertThat(m).contains("duplicate workload id"))
                        .anySatisfy(m -> assertThat(m).contains("longer than 256")));
    }
}

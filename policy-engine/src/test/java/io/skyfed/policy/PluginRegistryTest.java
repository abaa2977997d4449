package io.skyfed.policy;

import static io.skyfed.policy.Fixtures.site;
import static io.skyfed.policy.Fixtures.snapshot;
import static io.skyfed.policy.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skyfed.policy.decision.Decision;
import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.PluginRegistry;
import io.skyfed.policy.plugin.ScorePlugin;
import io.skyfed.policy.plugin.SiteFilter;
import io.skyfed.policy.plugin.SiteScorer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Third-party plugins through the registry, as the broker would add its own. */
class PluginRegistryTest {

    /** A plugin that is both a filter (sites with a tag) and a scorer (prefers a configured zone). */
    private record TagPlugin(String tag, double bonus) implements FilterPlugin, ScorePlugin {
        @Override
        public String name() {
            return "needs-tag";
        }

        @Override
        public SiteFilter filter(Workload workload, CycleState state) {
            return site -> state.site(site).tags().contains(tag);
        }

        @Override
        public SiteScorer score(Workload workload, CycleState state) {
            return site -> state.site(site).id().endsWith("2") ? bonus : 0;
        }
    }

    @Test
    void aRegisteredPluginFiltersAndScoresByName() {
        PluginRegistry registry = PluginRegistry.builtIn().with("needs-tag",
                config -> new TagPlugin((String) config.args().get("tag"), config.number("bonus", 1)));
        PolicyEngine engine = PolicyEngine.parse("custom.yaml", "name: p\nplugins:\n  - name: needs-tag\n"
                + "    weight: 2\n    args: {tag: fast, bonus: 5}\n", registry);
        Decision d = engine.decide(snapshot(List.of(site("a1").tags("fast").build(), site("a2").tags("fast").build(),
                site("slow").build()), List.of(workload("w").build()))).of("w").orElseThrow();
        assertThat(d.target()).isEqualTo("a2");
        assertThat(d.breakdown()).containsEntry("needs-tag", 100.0);
        assertThat(d.rejections().of("slow")).containsExactly("needs-tag");
    }

    @Test
    void namesAreUniqueInARegistry() {
        assertThatThrownBy(() -> PluginRegistry.builtIn().with("cost", c -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already registered");
        assertThat(PluginRegistry.builtIn().names()).contains("capacity-fit", "residency", "tenant-quota",
                "affinity", "anti-affinity", "spread", "cost");
    }
}

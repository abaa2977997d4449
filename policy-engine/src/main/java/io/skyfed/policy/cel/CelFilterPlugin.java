package io.skyfed.policy.cel;

import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.SiteFilter;

/** A policy's CEL filter as a plugin: the site is admitted when the rule is true. */
public final class CelFilterPlugin implements FilterPlugin {

    private final CompiledRule rule;

    public CelFilterPlugin(CompiledRule rule) {
        this.rule = rule;
    }

    @Override
    public String name() {
        return rule.name();
    }

    @Override
    public SiteFilter prepare(Workload workload, CycleState state) {
        PairRuleMemo memo = state.attachment(rule, () -> new CountedMemo(rule)).memo;
        int workloadClass = memo.workloadClass(workload, state);
        return site -> memo.test(workloadClass, memo.siteClass(state, site));
    }

    /** The memo, visible to the session's evaluation count. */
    static final class CountedMemo implements EvaluationCounter {
        final PairRuleMemo memo;

        CountedMemo(CompiledRule rule) {
            this.memo = new PairRuleMemo(rule);
        }

        @Override
        public long evaluations() {
            return memo.evaluations();
        }
    }
}

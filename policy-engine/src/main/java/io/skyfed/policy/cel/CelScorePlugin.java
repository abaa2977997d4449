package io.skyfed.policy.cel;

import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.ScorePlugin;
import io.skyfed.policy.plugin.SiteScorer;

/** A policy's CEL scorer as a plugin: the rule's number is the raw score. */
public final class CelScorePlugin implements ScorePlugin {

    private final CompiledRule rule;

    public CelScorePlugin(CompiledRule rule) {
        this.rule = rule;
    }

    @Override
    public boolean snapshotOnly() {
        return true;
    }

    @Override
    public String name() {
        return rule.name();
    }

    @Override
    public SiteScorer score(Workload workload, CycleState state) {
        PairRuleMemo memo = state.attachment(rule, () -> new PairRuleMemo(rule));
        double[] scores = memo.scores(memo.workloadClass(workload, state));
        return site -> scores[site];
    }
}

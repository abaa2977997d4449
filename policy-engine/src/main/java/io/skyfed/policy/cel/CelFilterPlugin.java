package io.skyfed.policy.cel;

import io.skyfed.policy.model.Workload;
import io.skyfed.policy.plugin.CycleState;
import io.skyfed.policy.plugin.FilterPlugin;
import io.skyfed.policy.plugin.SiteFilter;
import java.util.List;

/**
 * A policy's CEL filter as a plugin: the site is admitted when the rule is true. The rule is split into its
 * top-level {@code ||} / {@code &&} operands (see {@link RuleSplitter}), each memoised separately; the operands'
 * per-class bitsets are combined word by word.
 */
public final class CelFilterPlugin implements FilterPlugin {

    private final String name;
    private final boolean any;
    private final List<CompiledRule> parts;

    public CelFilterPlugin(CompiledRule rule) {
        RuleSplitter.Split split = RuleSplitter.split(rule);
        this.name = rule.name();
        this.any = split.any();
        this.parts = split.parts();
    }

    @Override
    public boolean snapshotOnly() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SiteFilter filter(Workload workload, CycleState state) {
        long[] bits = null;
        for (CompiledRule part : parts) {
            PairRuleMemo memo = state.attachment(part, () -> new PairRuleMemo(part));
            long[] partBits = memo.admitted(memo.workloadClass(workload, state));
            if (bits == null) {
                bits = partBits.clone();
            } else {
                for (int w = 0; w < bits.length; w++) {
                    bits[w] = any ? bits[w] | partBits[w] : bits[w] & partBits[w];
                }
            }
        }
        return new BitsetFilter(bits);
    }

    private record BitsetFilter(long[] bits) implements SiteFilter {
        @Override
        public boolean admits(int site) {
            return (bits[site >>> 6] & (1L << site)) != 0;
        }

        @Override
        public void admitted(long[] admitted, int siteCount) {
            System.arraycopy(bits, 0, admitted, 0, bits.length);
        }
    }
}

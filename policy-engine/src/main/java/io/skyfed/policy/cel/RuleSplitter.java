package io.skyfed.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a filter whose top level is a chain of {@code ||} (or of {@code &&}) into its operands, each memoised on
 * the inputs it alone reads: in {@code site.free.vcpu >= 8 || workload.priority < 20} the right side is evaluated
 * once per workload class, not once per (workload, site) pair. For filters, where an error counts as false, the
 * split is exactly equivalent to the whole: CEL's logical operators absorb errors the same way.
 */
final class RuleSplitter {

    /** The operands and how they combine: any (||) or all (&&); cheapest-to-memoise first. */
    record Split(boolean any, List<CompiledRule> parts) {
    }

    private RuleSplitter() {
    }

    static Split split(CompiledRule rule) {
        CelExpr root = rule.ast().getExpr();
        if (root.getKind() != CelExpr.ExprKind.Kind.CALL) {
            return new Split(true, List.of(rule));
        }
        String op = root.call().function();
        if (!op.equals("_||_") && !op.equals("_&&_")) {
            return new Split(true, List.of(rule));
        }
        List<CelExpr> operands = new ArrayList<>();
        flatten(root, op, operands);
        List<CompiledRule> parts = new ArrayList<>(operands.size());
        for (CelExpr operand : operands) {
            CelAbstractSyntaxTree ast = CelAbstractSyntaxTree.newCheckedAst(operand, rule.ast().getSource(),
                    rule.ast().getReferenceMap(), rule.ast().getTypeMap());
            try {
                parts.add(new CompiledRule(rule.name(), rule.source(), rule.environment(), ast,
                        RuleInputs.of(ast, rule.environment().variables().keySet()), rule.cost(),
                        rule.environment().cel().createProgram(ast)));
            } catch (CelEvaluationException e) {
                return new Split(true, List.of(rule));
            }
        }
        parts.sort(Comparator.comparingInt(RuleSplitter::memoCost));
        return new Split(op.equals("_||_"), List.copyOf(parts));
    }

    private static void flatten(CelExpr e, String op, List<CelExpr> out) {
        if (e.getKind() == CelExpr.ExprKind.Kind.CALL && e.call().function().equals(op)
                && e.call().target().isEmpty()) {
            e.call().args().forEach(a -> flatten(a, op, out));
        } else {
            out.add(e);
        }
    }

    /** Parts reading one side only are memoised per class of that side: run them first. */
    private static int memoCost(CompiledRule part) {
        boolean site = part.inputs().reads("site");
        boolean workload = part.inputs().reads("workload") || part.inputs().reads("tenant");
        return site && workload ? 2 : site ? 1 : 0;
    }
}

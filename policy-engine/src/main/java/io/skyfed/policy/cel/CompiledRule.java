package io.skyfed.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

/**
 * A checked, cost-bounded CEL rule ready to run; compiled once per policy version and shared by every decision
 * made with that version (CEL programs are immutable and thread-safe).
 *
 * @param cost the load-time worst-case cost estimate
 */
public record CompiledRule(String name, String source, RuleEnvironment environment, CelAbstractSyntaxTree ast,
        RuleInputs inputs, long cost, CelRuntime.Program program) {

    /** Evaluates to a boolean; a rule that fails at run time (say, a missing map key) counts as false. */
    public boolean test(CelVariableResolver variables) {
        try {
            return Boolean.TRUE.equals(program.eval(variables));
        } catch (CelEvaluationException e) {
            return false;
        }
    }

    /** Evaluates to a number; a rule that fails at run time or yields a non-finite number gives NaN. */
    public double number(CelVariableResolver variables) {
        try {
            Object v = program.eval(variables);
            double d = v instanceof Number n ? n.doubleValue() : Double.NaN;
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (CelEvaluationException e) {
            return Double.NaN;
        }
    }
}

package io.skyfed.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.CelType;
import dev.cel.runtime.CelEvaluationException;
import io.skyfed.policy.LocatedError;
import io.skyfed.policy.spec.Expression;
import io.skyfed.policy.spec.ExpressionLocator;
import io.skyfed.policy.spec.SourceLocation;
import java.util.List;
import java.util.Optional;

/**
 * Parses, type-checks and cost-checks the CEL rules of one policy file, collecting every error with its position
 * in the file.
 */
public final class RuleCompiler {

    /** What a rule must evaluate to. */
    public enum ResultKind {
        BOOL, NUMBER
    }

    private final String file;
    private final String fileText;
    private final long maxCost;
    private final List<LocatedError> errors;

    public RuleCompiler(String file, String fileText, long maxCost, List<LocatedError> errors) {
        this.file = file;
        this.fileText = fileText;
        this.maxCost = maxCost;
        this.errors = errors;
    }

    public Optional<CompiledRule> compile(String name, Expression expr, RuleEnvironment env, ResultKind kind) {
        CelAbstractSyntaxTree ast;
        try {
            ast = env.cel().compile(expr.source()).getAst();
        } catch (CelValidationException e) {
            for (CelIssue issue : e.getErrors()) {
                SourceLocation at = ExpressionLocator.locate(fileText, expr, issue.getSourceLocation().getLine(),
                        issue.getSourceLocation().getColumn());
                error(at, "rule '" + name + "': " + issue.getMessage());
            }
            return Optional.empty();
        }
        CelType result = ast.getResultType();
        boolean ok = switch (kind) {
            case BOOL -> result.kind() == CelKind.BOOL;
            case NUMBER -> result.kind() == CelKind.INT || result.kind() == CelKind.UINT
                    || result.kind() == CelKind.DOUBLE;
        };
        if (!ok) {
            error(expr.at(), "rule '" + name + "': must evaluate to " + (kind == ResultKind.BOOL ? "bool" : "a number")
                    + ", but evaluates to " + result.name());
            return Optional.empty();
        }
        long cost = CostEstimator.estimate(ast);
        if (cost > maxCost) {
            error(expr.at(), "rule '" + name + "': estimated cost " + (cost == Long.MAX_VALUE ? "unbounded" : cost)
                    + " exceeds the limit of " + maxCost + " (limits.maxRuleCost)");
            return Optional.empty();
        }
        try {
            return Optional.of(new CompiledRule(name, expr.source(), env, ast,
                    RuleInputs.of(ast, env.variables().keySet()), cost, env.cel().createProgram(ast)));
        } catch (CelEvaluationException e) {
            error(expr.at(), "rule '" + name + "': " + e.getMessage());
            return Optional.empty();
        }
    }

    private void error(SourceLocation at, String message) {
        errors.add(new LocatedError(file, at.line(), at.column(), message));
    }
}

package io.skyfed.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.CelType;
import dev.cel.common.types.StructType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A static worst-case cost estimate of a checked CEL expression, in the spirit of cel-go's checker cost (cel-java
 * has none). Every node costs 1; list membership costs the list's size, string search and equality the string's length;
 * a comprehension costs its range's largest size times its body (string scans count one step per ten
 * characters). Sizes come from the {@link InputLimits} the
 * validator enforces on inputs, so the estimate is an upper bound on the interpreter's steps.
 */
public final class CostEstimator {

    private final CelAbstractSyntaxTree ast;
    private final Map<String, Long> boundSizes = new HashMap<>();

    private CostEstimator(CelAbstractSyntaxTree ast) {
        this.ast = ast;
    }

    public static long estimate(CelAbstractSyntaxTree ast) {
        return new CostEstimator(ast).visit(ast.getExpr()).cost;
    }

    private record Est(long cost, long size) {
    }

    private Est visit(CelExpr e) {
        return switch (e.getKind()) {
            case CONSTANT -> new Est(0, e.constant().getKind() == CelConstant.Kind.STRING_VALUE
                    ? e.constant().stringValue().length() : 0);
            case IDENT -> new Est(1, boundSizes.getOrDefault(e.ident().name(), 0L));
            case SELECT -> select(e);
            case CALL -> call(e);
            case LIST -> {
                long cost = 1;
                for (CelExpr x : e.list().elements()) {
                    cost = add(cost, visit(x).cost);
                }
                yield new Est(cost, e.list().elements().size());
            }
            case MAP -> {
                long cost = 1;
                for (var en : e.map().entries()) {
                    cost = add(cost, add(visit(en.key()).cost, visit(en.value()).cost));
                }
                yield new Est(cost, e.map().entries().size());
            }
            case STRUCT -> {
                long cost = 1;
                for (var en : e.struct().entries()) {
                    cost = add(cost, visit(en.value()).cost);
                }
                yield new Est(cost, 0);
            }
            case COMPREHENSION -> comprehension(e);
            default -> new Est(1, 0);
        };
    }

    private Est select(CelExpr e) {
        Est operand = visit(e.select().operand());
        long size = 0;
        CelType type = ast.getType(e.select().operand().id()).orElse(null);
        if (type instanceof StructType) {
            size = Schemas.byType(type).map(s -> (long) s.maxSize(e.select().field())).orElse(0L);
        }
        return new Est(add(operand.cost, 1), size);
    }

    private Est call(CelExpr e) {
        var call = e.call();
        long cost = 1;
        long targetSize = 0;
        if (call.target().isPresent()) {
            Est t = visit(call.target().get());
            cost = add(cost, t.cost);
            targetSize = t.size;
        }
        List<CelExpr> args = call.args();
        long[] sizes = new long[args.size()];
        for (int i = 0; i < args.size(); i++) {
            Est a = visit(args.get(i));
            cost = add(cost, a.cost);
            sizes[i] = a.size;
        }
        long sumSizes = targetSize;
        for (long s : sizes) {
            sumSizes = add(sumSizes, s);
        }
        return switch (call.function()) {
            case "@in" -> new Est(add(cost, sizes.length > 1 ? sizes[1] : 0), 0);
            case "contains", "startsWith", "endsWith", "matches", "_==_", "_!=_" ->
                new Est(add(cost, traversal(sumSizes)), 0);
            case "_+_" -> new Est(add(cost, traversal(sumSizes)), sumSizes);
            default -> new Est(cost, Math.max(targetSize, sizes.length > 0 ? sizes[0] : 0));
        };
    }

    /** Scanning characters is cheap next to an interpreter step: one step per ten, as cel-go counts it. */
    private static long traversal(long size) {
        return (size + 9) / 10;
    }

    private Est comprehension(CelExpr e) {
        var c = e.comprehension();
        Est range = visit(c.iterRange());
        long n = range.size > 0 ? range.size : InputLimits.MAX_LIST;
        Est init = visit(c.accuInit());
        Long previousIter = boundSizes.put(c.iterVar(), (long) InputLimits.MAX_STRING);
        Long previousAccu = boundSizes.put(c.accuVar(), n);
        long body = add(add(visit(c.loopCondition()).cost, visit(c.loopStep()).cost), 1);
        Est result = visit(c.result());
        restore(c.iterVar(), previousIter);
        restore(c.accuVar(), previousAccu);
        long cost = add(add(range.cost, init.cost), add(multiply(n, body), result.cost));
        return new Est(cost, result.size);
    }

    private void restore(String name, Long previous) {
        if (previous == null) {
            boundSizes.remove(name);
        } else {
            boundSizes.put(name, previous);
        }
    }

    private static long add(long a, long b) {
        long r = a + b;
        return r < 0 ? Long.MAX_VALUE : r;
    }

    private static long multiply(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }
}

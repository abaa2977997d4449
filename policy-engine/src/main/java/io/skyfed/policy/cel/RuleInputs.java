package io.skyfed.policy.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelExpr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which fields of each variable a rule reads. Two workloads (or sites) that agree on those fields get the same
 * result, so results are memoised per class of equal inputs: that is what makes CEL affordable at 10^7 pairs.
 */
public final class RuleInputs {

    private final Map<String, List<String>> fields;
    private final Set<String> wholeVariables;

    private RuleInputs(Map<String, List<String>> fields, Set<String> wholeVariables) {
        this.fields = fields;
        this.wholeVariables = wholeVariables;
    }

    static RuleInputs of(CelAbstractSyntaxTree ast, Set<String> variables) {
        Map<String, Set<String>> found = new HashMap<>();
        Set<String> whole = new HashSet<>();
        walk(ast.getExpr(), null, variables, new ArrayDeque<>(), found, whole);
        Map<String, List<String>> fields = new HashMap<>();
        found.forEach((v, f) -> fields.put(v, List.copyOf(new TreeSet<>(f))));
        return new RuleInputs(fields, whole);
    }

    private static void walk(CelExpr e, CelExpr parent, Set<String> variables, Deque<String> scope,
            Map<String, Set<String>> found, Set<String> whole) {
        switch (e.getKind()) {
            case IDENT -> {
                String name = e.ident().name();
                if (variables.contains(name) && !scope.contains(name)) {
                    if (parent != null && parent.getKind() == CelExpr.ExprKind.Kind.SELECT
                            && parent.select().operand().id() == e.id()) {
                        found.computeIfAbsent(name, k -> new HashSet<>()).add(parent.select().field());
                    } else {
                        whole.add(name);
                    }
                }
            }
            case SELECT -> walk(e.select().operand(), e, variables, scope, found, whole);
            case CALL -> {
                e.call().target().ifPresent(t -> walk(t, e, variables, scope, found, whole));
                e.call().args().forEach(a -> walk(a, e, variables, scope, found, whole));
            }
            case LIST -> e.list().elements().forEach(x -> walk(x, e, variables, scope, found, whole));
            case MAP -> e.map().entries().forEach(en -> {
                walk(en.key(), e, variables, scope, found, whole);
                walk(en.value(), e, variables, scope, found, whole);
            });
            case STRUCT -> e.struct().entries().forEach(en -> walk(en.value(), e, variables, scope, found, whole));
            case COMPREHENSION -> {
                var c = e.comprehension();
                walk(c.iterRange(), e, variables, scope, found, whole);
                walk(c.accuInit(), e, variables, scope, found, whole);
                scope.push(c.iterVar());
                if (!c.iterVar2().isEmpty()) {
                    scope.push(c.iterVar2());
                }
                scope.push(c.accuVar());
                walk(c.loopCondition(), e, variables, scope, found, whole);
                walk(c.loopStep(), e, variables, scope, found, whole);
                walk(c.result(), e, variables, scope, found, whole);
                scope.pop();
                if (!c.iterVar2().isEmpty()) {
                    scope.pop();
                }
                scope.pop();
            }
            default -> {
                // constants read nothing
            }
        }
    }

    /** True if the rule reads the variable at all. */
    public boolean reads(String variable) {
        return wholeVariables.contains(variable) || fields.containsKey(variable);
    }

    /**
     * A value equal for two views exactly when the rule cannot tell them apart: the fields it reads, or the whole
     * view when it uses the variable as a value.
     */
    public Object key(String variable, StructView view) {
        if (wholeVariables.contains(variable)) {
            return view;
        }
        List<String> f = fields.get(variable);
        if (f == null) {
            return List.of();
        }
        List<Object> key = new ArrayList<>(f.size());
        for (String name : f) {
            key.add(view.select(name));
        }
        return key;
    }

    @Override
    public String toString() {
        return "fields=" + fields + ", whole=" + wholeVariables;
    }
}

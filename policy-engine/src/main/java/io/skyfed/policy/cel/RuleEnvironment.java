package io.skyfed.policy.cel;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelOptions;
import dev.cel.parser.CelStandardMacro;
import java.util.LinkedHashMap;
import java.util.Map;

/** The variables a kind of rule sees, and the CEL environment that checks and runs rules of that kind. */
public enum RuleEnvironment {
    /** Filters and scorers: one workload (with its tenant) against one site. */
    PLACEMENT(Map.of("workload", Schemas.WORKLOAD, "site", Schemas.SITE, "tenant", Schemas.TENANT)),
    /** Burst triggers: fleet-wide figures. */
    TRIGGER(Map.of("fleet", Schemas.FLEET)),
    /** Migration rules: a running workload, its current site and the best other admissible site. */
    MIGRATION(Map.of("workload", Schemas.WORKLOAD, "site", Schemas.SITE, "target", Schemas.SITE,
            "tenant", Schemas.TENANT));

    /** Runtime guard behind the load-time cost bound. */
    private static final int MAX_ITERATIONS = 100_000;

    private final Map<String, StructSchema> variables;
    private final Cel cel;

    RuleEnvironment(Map<String, StructSchema> variables) {
        this.variables = new LinkedHashMap<>(variables);
        CelBuilder builder = CelFactory.plannerCelBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setOptions(CelOptions.current()
                        .enableCelValue(true)
                        .enableHeterogeneousNumericComparisons(true)
                        .comprehensionMaxIterations(MAX_ITERATIONS)
                        .maxExpressionCodePointSize(4096)
                        .build())
                .setTypeProvider(Schemas.typeProvider());
        variables.forEach((name, schema) -> builder.addVar(name, schema.type()));
        this.cel = builder.build();
    }

    public Map<String, StructSchema> variables() {
        return variables;
    }

    Cel cel() {
        return cel;
    }
}

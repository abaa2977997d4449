package io.skyfed.policy.cel;

import dev.cel.common.types.CelType;
import dev.cel.common.values.StructValue;
import java.util.Optional;

/**
 * A read-only view of one of our records as a CEL struct. Field values are converted to CEL's runtime types
 * (long, double, String, List, Map, nested views) on selection.
 */
public abstract class StructView extends StructValue<String, StructView> {

    private final StructSchema schema;

    protected StructView(StructSchema schema) {
        this.schema = schema;
    }

    /** The CEL value of a field the schema declares. */
    protected abstract Object field(String name);

    @Override
    public final Object select(String name) {
        if (!schema.hasField(name)) {
            throw new IllegalArgumentException("no field '" + name + "' on " + schema.type().name());
        }
        return field(name);
    }

    @Override
    public final Optional<?> find(String name) {
        return schema.hasField(name) ? Optional.of(field(name)) : Optional.empty();
    }

    @Override
    public final StructView value() {
        return this;
    }

    @Override
    public final boolean isZeroValue() {
        return false;
    }

    @Override
    public final CelType celType() {
        return schema.type();
    }
}

package io.skyfed.policy.cel;

import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.StructType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One typed struct that CEL rules see (site, workload, ...): its fields' CEL types, and for list, map and string
 * fields the largest size the input validator lets through, which bounds the cost estimate.
 */
public final class StructSchema {

    private final StructType type;
    private final Map<String, CelType> fields;
    private final Map<String, Integer> maxSizes;

    private StructSchema(String name, Map<String, CelType> fields, Map<String, Integer> maxSizes) {
        this.fields = Map.copyOf(fields);
        this.maxSizes = Map.copyOf(maxSizes);
        this.type = StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
                f -> Optional.ofNullable(this.fields.get(f)));
    }

    public StructType type() {
        return type;
    }

    public boolean hasField(String field) {
        return fields.containsKey(field);
    }

    /** Largest element count (lists, maps) or length (strings) of a field; 0 for scalars and structs. */
    public int maxSize(String field) {
        return maxSizes.getOrDefault(field, 0);
    }

    static Builder builder(String name) {
        return new Builder(name);
    }

    static final class Builder {
        private final String name;
        private final Map<String, CelType> fields = new LinkedHashMap<>();
        private final Map<String, Integer> maxSizes = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        Builder field(String field, CelType type) {
            fields.put(field, type);
            return this;
        }

        Builder sized(String field, CelType type, int maxSize) {
            fields.put(field, type);
            maxSizes.put(field, maxSize);
            return this;
        }

        StructSchema build() {
            return new StructSchema(name, fields, maxSizes);
        }
    }
}

package io.skyfed.policy.spec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** A rule or plugin name, with where it sits in the policy file so errors about the rule can point at it. */
@JsonDeserialize(using = LocatedScalars.NameDeserializer.class)
public record Name(String value, SourceLocation at) {

    @Override
    public String toString() {
        return value;
    }
}

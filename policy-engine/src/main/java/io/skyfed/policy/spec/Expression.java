package io.skyfed.policy.spec;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** The CEL source text of a rule, with where it sits in the policy file. */
@JsonDeserialize(using = LocatedScalars.ExpressionDeserializer.class)
public record Expression(String source, SourceLocation at) {
}

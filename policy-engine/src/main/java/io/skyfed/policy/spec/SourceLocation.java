package io.skyfed.policy.spec;

/**
 * A position in a policy file: 1-based line and column, and the character offset (-1 when unknown), used to map
 * errors inside a CEL expression back onto the file.
 */
public record SourceLocation(int line, int column, long offset) {

    public static final SourceLocation UNKNOWN = new SourceLocation(0, 0, -1);
}

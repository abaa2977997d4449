package io.skyfed.policy;

/** One problem in an input document, printed as {@code file:line:column: message} (line 0 when unknown). */
public record LocatedError(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ":" + column + ": " + message : file + ": " + message;
    }
}

package io.skyfed.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy, state or trace document that cannot be used, with every problem found and where it is. */
public final class InvalidDocumentException extends RuntimeException {

    private final transient List<LocatedError> errors;

    public InvalidDocumentException(List<LocatedError> errors) {
        super(errors.stream().map(LocatedError::toString).collect(Collectors.joining("\n")));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid document has at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public static InvalidDocumentException single(String file, int line, int column, String message) {
        return new InvalidDocumentException(List.of(new LocatedError(file, line, column, message)));
    }

    public List<LocatedError> errors() {
        return errors;
    }
}

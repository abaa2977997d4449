package io.skyfed.broker.api.v1;

import java.util.List;

/** Ends a request with a problem body. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.type = type;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.INVALID_REQUEST, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public Problem toProblem() {
        return new Problem(type.urn(), type.title(), type.status(), getMessage(), errors);
    }
}

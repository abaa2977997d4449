package io.skyfed.broker.workflow;

/** A request the workflow layer refuses; the API turns {@link #kind} into a problem status. */
public class WorkflowException extends RuntimeException {

    public enum Kind { NOT_FOUND, CONFLICT, INVALID }

    private final Kind kind;
    private final String field;

    public WorkflowException(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static WorkflowException notFound(String what, Object id) {
        return new WorkflowException(Kind.NOT_FOUND, null, "no " + what + " " + id);
    }

    public static WorkflowException conflict(String message) {
        return new WorkflowException(Kind.CONFLICT, null, message);
    }

    public static WorkflowException invalid(String field, String message) {
        return new WorkflowException(Kind.INVALID, field, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, for INVALID; null otherwise. */
    public String field() {
        return field;
    }
}

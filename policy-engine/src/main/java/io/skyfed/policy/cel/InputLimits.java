package io.skyfed.policy.cel;

/**
 * Sizes the input validator enforces on every site and workload. The CEL cost estimator relies on them: a rule's
 * worst case is computed from these bounds, so they are checked before any rule sees the data.
 */
public final class InputLimits {

    public static final int MAX_STRING = 256;
    public static final int MAX_LIST = 64;
    public static final int MAX_LATENCY_ENTRIES = 64;

    private InputLimits() {
    }
}

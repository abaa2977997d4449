package io.skyfed.policy.cel;

/** Counts the CEL evaluations a session actually ran (memo misses), so tests can see what was reused. */
public interface EvaluationCounter {

    long evaluations();
}

package io.skyfed.broker.workflow;

/**
 * One idempotent step of a job. {@link #run} may be called again after a crash or a retry, with the checkpoint
 * it saved so far: it must find what it already created (checkpoint, idempotency key, look-up), never create it
 * twice. {@link #compensate} undoes what it created, and must also cope with a run that stopped half-way.
 */
interface Step {

    String name();

    void run(StepContext context) throws Exception;

    default void compensate(StepContext context) throws Exception {
    }

    /** Once this step is done, the job can no longer be rolled back: a cancel arrives too late. */
    default boolean pointOfNoReturn() {
        return false;
    }
}

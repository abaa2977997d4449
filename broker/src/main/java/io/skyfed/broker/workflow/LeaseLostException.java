package io.skyfed.broker.workflow;

/**
 * This replica no longer holds the job's lease (it expired and another replica may have taken the job over): the
 * runner stops at once and writes nothing more, so a job never has two writers.
 */
class LeaseLostException extends RuntimeException {

    LeaseLostException(java.util.UUID job) {
        super("lease on job " + job + " lost");
    }
}

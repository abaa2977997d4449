package io.skyfed.broker.workflow;

/** A cancel request arrived while a step ran: the runner rolls the job back. */
class JobCancelledException extends RuntimeException {

    JobCancelledException() {
        super("cancelled");
    }
}

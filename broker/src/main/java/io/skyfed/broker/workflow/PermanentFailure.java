package io.skyfed.broker.workflow;

/** A failure that retrying cannot cure (a checksum mismatch, a refused format): the job rolls back at once. */
class PermanentFailure extends RuntimeException {

    PermanentFailure(String message) {
        super(message);
    }

    PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

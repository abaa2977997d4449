package io.skyfed.broker.federation;

import io.skyfed.drivers.spi.DriverException;
import java.util.concurrent.TimeoutException;

/**
 * Short descriptions of failures for the API, the database and logs. Drivers promise that their exception
 * messages hold no credentials; anything else is described by its type only, since its message might.
 */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof DriverException)
                && !(cause instanceof TimeoutException) && !(cause instanceof UnknownDriverException)) {
            cause = cause.getCause();
        }
        if (cause instanceof DriverException || cause instanceof UnknownDriverException) {
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        if (cause instanceof TimeoutException) {
            return "no answer in time";
        }
        return "unexpected " + cause.getClass().getName();
    }
}

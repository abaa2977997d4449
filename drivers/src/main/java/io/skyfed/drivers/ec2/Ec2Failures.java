package io.skyfed.drivers.ec2;

import io.skyfed.drivers.jclouds.JcloudsFailures;
import io.skyfed.drivers.resilience.RemoteCredentialsException;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteThrottledException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import io.skyfed.drivers.resilience.RetryAfter;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jclouds.aws.AWSResponseException;

/**
 * EC2 reports most failures as HTTP 400 with an error code, so the code, not the status, decides how a failure is
 * treated (EC2 API reference, "Error codes").
 */
final class Ec2Failures {

    private static final Set<String> CREDENTIALS = Set.of("AuthFailure", "RequestExpired", "ExpiredToken",
            "InvalidClientTokenId", "SignatureDoesNotMatch", "UnauthorizedOperation", "OptInRequired",
            "Blocked", "PendingVerification");
    private static final Set<String> THROTTLING = Set.of("RequestLimitExceeded", "Throttling",
            "ThrottlingException", "SlowDown");
    private static final Set<String> UNAVAILABLE = Set.of("InternalError", "Unavailable", "ServiceUnavailable",
            "InsufficientInstanceCapacity", "InsufficientHostCapacity");
    /** Refusals for the resource's state (a group with members, an address in use), not for the request. */
    private static final Set<String> STATE = Set.of("DependencyViolation", "Resource.AlreadyAssociated",
            "InvalidIPAddress.InUse", "IncorrectState", "IncorrectInstanceState");

    private Ec2Failures() {
    }

    static <T> T call(Callable<T> jcloudsCall) {
        try {
            return jcloudsCall.call();
        } catch (RuntimeException e) {
            throw translate(e);
        } catch (Exception e) {
            throw new RemoteUnavailableException(e.toString(), e);
        }
    }

    static RuntimeException translate(RuntimeException failure) {
        AWSResponseException e = JcloudsFailures.causeOf(failure, AWSResponseException.class);
        if (e == null || e.getError() == null || e.getError().getCode() == null) {
            return JcloudsFailures.translate(failure);
        }
        int status = e.getResponse() == null ? 400 : e.getResponse().getStatusCode();
        String retryAfter = e.getResponse() == null ? null : e.getResponse().getFirstHeaderOrNull("Retry-After");
        return fromCode(e.getError().getCode(), e.getError().getMessage(), status, retryAfter, e);
    }

    /** The failure an EC2 error code stands for; the drivers' own Query API calls share it with jclouds' calls. */
    static RuntimeException fromCode(String code, String detail, int status, String retryAfter, Throwable cause) {
        String message = code + ": " + detail;
        if (CREDENTIALS.contains(code)) {
            return new RemoteCredentialsException(message, cause);
        }
        if (THROTTLING.contains(code)) {
            return new RemoteThrottledException(message,
                    RetryAfter.parse(retryAfter, Clock.systemUTC()).orElse(null), cause);
        }
        if (UNAVAILABLE.contains(code)) {
            return new RemoteUnavailableException(message,
                    RetryAfter.parse(retryAfter, Clock.systemUTC()).orElse(null), cause);
        }
        if (code.endsWith(".NotFound") || code.endsWith(".Unknown")) {
            return new RemoteRequestException(404, message, cause);
        }
        if (STATE.contains(code)) {
            return new RemoteRequestException(409, message, cause);
        }
        if (status >= 500) {
            return new RemoteUnavailableException(message, cause);
        }
        return new RemoteRequestException(status, message, cause);
    }
}

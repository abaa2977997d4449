package io.skyfed.drivers.jclouds;

import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.RemoteCallException;
import io.skyfed.drivers.resilience.RemoteCredentialsException;
import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.jclouds.http.HttpResponse;
import org.jclouds.http.HttpResponseException;
import org.jclouds.rest.AuthorizationException;
import org.jclouds.rest.InsufficientResourcesException;
import org.jclouds.rest.ResourceNotFoundException;

/**
 * Translates what jclouds throws into our failure kinds at the driver boundary, so that no jclouds type escapes and
 * the fault guard can tell retryable from final failures. jclouds runs with its own retries off, so every failure
 * here is the outcome of one HTTP exchange.
 */
public final class JcloudsFailures {

    private JcloudsFailures() {
    }

    /** Runs a jclouds call, translating its failures. */
    public static <T> T call(Callable<T> jcloudsCall) {
        try {
            return jcloudsCall.call();
        } catch (RuntimeException e) {
            throw translate(e);
        } catch (Exception e) {
            throw new RemoteUnavailableException(e.toString(), e);
        }
    }

    public static RuntimeException translate(RuntimeException e) {
        if (e instanceof RemoteCallException) {
            return e;
        }
        Throwable unreadable = causeOf(e, org.xml.sax.SAXException.class);
        if (unreadable == null) {
            unreadable = causeOf(e, com.google.gson.JsonParseException.class);
        }
        if (unreadable == null && thrownWhileParsing(e)) {
            unreadable = e;
        }
        if (unreadable != null) {
            return new RemoteProtocolException("provider answered with an unreadable body: "
                    + unreadable.getMessage(), e);
        }
        HttpResponseException http = causeOf(e, HttpResponseException.class);
        if (http != null && http.getResponse() != null) {
            HttpResponse response = http.getResponse();
            return HttpFailures.fromStatus(response.getStatusCode(), response.getFirstHeaderOrNull("Retry-After"),
                    http.getContent() != null ? http.getContent() : response.getMessage(), e);
        }
        if (causeOf(e, AuthorizationException.class) != null) {
            return new RemoteCredentialsException("provider rejected the credentials: " + e.getMessage(), e);
        }
        if (causeOf(e, ResourceNotFoundException.class) != null) {
            return new RemoteRequestException(404, e.getMessage(), e);
        }
        if (causeOf(e, InsufficientResourcesException.class) != null) {
            return new RemoteRequestException(409, "insufficient resources or quota: " + e.getMessage(), e);
        }
        if (causeOf(e, java.net.SocketTimeoutException.class) != null) {
            return new RemoteTimeoutException("no answer in time: " + causeOf(e, IOException.class), e);
        }
        if (causeOf(e, IOException.class) != null) {
            return new RemoteUnavailableException("transport failure: " + causeOf(e, IOException.class), e);
        }
        return e;
    }

    /** jclouds' response parsers throw plain runtime exceptions (a failed precondition) on bodies they misread. */
    private static boolean thrownWhileParsing(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (frame.getClassName().startsWith("org.jclouds.http.functions.Parse")) {
                    return true;
                }
            }
        }
        return false;
    }

    public static <X extends Throwable> X causeOf(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}

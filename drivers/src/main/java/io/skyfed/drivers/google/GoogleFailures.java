package io.skyfed.drivers.google;

import io.skyfed.drivers.jclouds.JcloudsFailures;
import io.skyfed.drivers.resilience.RemoteCallException;
import io.skyfed.drivers.resilience.RemoteCredentialsException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import java.net.URI;
import java.util.concurrent.Callable;
import org.jclouds.http.HttpResponseException;

/**
 * Google's failures in our kinds. Beyond jclouds' usual translation: the OAuth token endpoint refuses a bad or
 * expired key with 400 {@code invalid_grant} (or 401 {@code invalid_client}), which is a credentials failure, not a
 * bad request.
 */
final class GoogleFailures {

    private GoogleFailures() {
    }

    static <T> T call(URI tokenEndpoint, Callable<T> call) {
        try {
            return call.call();
        } catch (RemoteCallException e) {
            throw e;
        } catch (RuntimeException e) {
            throw translate(tokenEndpoint, e);
        } catch (Exception e) {
            throw new RemoteUnavailableException(e.toString(), e);
        }
    }

    static RuntimeException translate(URI tokenEndpoint, RuntimeException failure) {
        HttpResponseException http = JcloudsFailures.causeOf(failure, HttpResponseException.class);
        if (http != null && http.getResponse() != null && http.getCommand() != null
                && tokenEndpoint.equals(http.getCommand().getCurrentRequest().getEndpoint())) {
            int status = http.getResponse().getStatusCode();
            if (status == 400 || status == 401 || status == 403) {
                return new RemoteCredentialsException("the token endpoint refused the service-account key (HTTP "
                        + status + ")", failure);
            }
        }
        return JcloudsFailures.translate(failure);
    }
}

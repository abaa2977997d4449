package io.skyfed.drivers.openstack;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.skyfed.drivers.resilience.HttpFailures;
import io.skyfed.drivers.resilience.LookUpBeforeRetry;
import io.skyfed.drivers.resilience.ProviderGuard;
import io.skyfed.drivers.resilience.RemoteProtocolException;
import io.skyfed.drivers.resilience.RemoteRequestException;
import io.skyfed.drivers.resilience.RemoteRequestMapping;
import io.skyfed.drivers.resilience.RemoteTimeoutException;
import io.skyfed.drivers.resilience.RemoteUnavailableException;
import io.skyfed.drivers.spi.DriverException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * The OpenStack services the driver speaks natively (Glance v2, Cinder v3, Neutron v2.0, and the Nova calls jclouds
 * lacks), with the account's own Keystone token: endpoints come from the token's catalog, every call goes through
 * the provider's guard, and HTTP failures become the usual failure kinds. jclouds 2.7.0 has no Glance v2 and its
 * Cinder speaks the retired v1 API, so these are plain JSON over java.net.http.
 */
final class OpenStackRest {

    /** What a refused request (4xx other than 401/403/429) means to the caller: its SPI exception. */
    interface Refusal extends Function<RemoteRequestException, DriverException> {
    }

    private final OpenStackAccount account;

    OpenStackRest(OpenStackAccount account) {
        this.account = account;
    }

    /**
     * A call that may be repeated (GET, DELETE, PUT of a whole state); {@code reader} turns the answer into the
     * result inside the guard, so an answer missing what it should hold counts as a provider failure.
     */
    <T> T read(String operation, String service, String method, String path, JsonObject body, Refusal refusal,
               Function<JsonObject, T> reader) {
        return guarded(operation, true, refusal, () -> parse(operation, send(service, method, path, body), reader));
    }

    /** A call with effects that must not be repeated blindly: one attempt. */
    <T> T write(String operation, String service, String method, String path, JsonObject body, Refusal refusal,
                Function<JsonObject, T> reader) {
        return guarded(operation, false, refusal, () -> parse(operation, send(service, method, path, body), reader));
    }

    /**
     * A create the service takes no idempotency token for, made safe to retry: each attempt after the first (and a
     * final look after the last) first asks {@code lookUp} for what an earlier attempt made; {@code lookUp} runs
     * inside the guarded attempt, so it reads with {@link #unguardedGet}.
     */
    <T> T createWithLookUp(String operation, String service, String path, JsonObject body, Refusal refusal,
                           Function<JsonObject, T> reader, Callable<Optional<T>> lookUp) {
        return withLookUp(operation, refusal, lookUp, () -> parse(operation, send(service, "POST", path, body), reader));
    }

    /** The same for a create that is not a plain JSON POST ({@code attempt} makes one exchange). */
    <T> T withLookUp(String operation, Refusal refusal, Callable<Optional<T>> lookUp, Callable<T> attempt) {
        return LookUpBeforeRetry.create(new LookUpBeforeRetry.RetriedCall() {
            @Override
            public <R> R call(String op, Callable<R> call) {
                return guarded(op, true, refusal, call);
            }
        }, operation, lookUp, attempt);
    }

    /** A GET for look-ups made inside a guarded attempt. */
    JsonObject unguardedGet(String service, String path) throws IOException, InterruptedException {
        return json(send(service, "GET", path, null));
    }

    private static <T> T parse(String operation, HttpResponse<String> response, Function<JsonObject, T> reader) {
        JsonObject json = json(response);
        try {
            return reader.apply(json);
        } catch (RuntimeException e) {
            if (e instanceof DriverException) {
                throw e;
            }
            throw new RemoteProtocolException(operation + ": unexpected answer: " + e, e);
        }
    }

    /** A raw exchange for uploads, downloads and answers carried in headers. */
    <T> HttpResponse<T> exchange(String service, String method, String path, String contentType,
                                 HttpRequest.BodyPublisher body, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        return exchange(service, method, path, contentType, body, handler, account.settings.socketTimeout());
    }

    /** The same, waiting {@code timeout} for the answer: an upload's answer comes only after its last byte. */
    <T> HttpResponse<T> exchange(String service, String method, String path, String contentType,
                                 HttpRequest.BodyPublisher body, HttpResponse.BodyHandler<T> handler,
                                 Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(service, path)).timeout(timeout)
                .header("X-Auth-Token", account.keystone().token().value())
                .header("Accept", "application/json")
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<T> response = account.http().send(request.build(), handler);
        if (response.statusCode() == 401) {
            account.keystone().invalidate();
        }
        if (response.statusCode() >= 400) {
            String detail = response.body() instanceof String s ? s : "";
            if (response.body() instanceof InputStream in) {
                in.close();
            }
            throw HttpFailures.fromStatus(response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), detail, null);
        }
        return response;
    }

    /** Runs {@code call} through the guard, translating transport failures and refusals. */
    <T> T guarded(String operation, boolean idempotent, Refusal refusal, Callable<T> call) {
        return guarded(account.guard, idempotent, operation, refusal, call);
    }

    /** A content transfer (Glance image data): under the transfer guard, never retried. */
    <T> T transfer(String operation, Refusal refusal, Callable<T> call) {
        return guarded(account.transfers, false, operation, refusal, call);
    }

    private <T> T guarded(ProviderGuard guard, boolean idempotent, String operation, Refusal refusal,
                          Callable<T> call) {
        Callable<T> translated = () -> {
            try {
                return call.call();
            } catch (HttpTimeoutException e) {
                throw new RemoteTimeoutException(operation + ": no answer in time", e);
            } catch (IOException e) {
                throw new RemoteUnavailableException(operation + ": " + e, e);
            }
        };
        try {
            return idempotent ? guard.idempotent(operation, translated) : guard.once(operation, translated);
        } catch (RemoteRequestException e) {
            throw refusal.apply(e);
        }
    }

    /** The usual meaning of a refusal about one resource kind. */
    static Refusal about(String kind, String id) {
        return e -> RemoteRequestMapping.toDriverException(e, kind, id);
    }

    private HttpResponse<String> send(String service, String method, String path, JsonObject body)
            throws IOException, InterruptedException {
        return exchange(service, method, path, body == null ? null : "application/json",
                body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String service, String path) throws IOException, InterruptedException {
        java.util.Optional<URI> endpoint = account.keystone().endpoint(service);
        if (endpoint.isEmpty() && service.equals("block-storage")) {
            // Clouds older than the service-types authority list Cinder v3 as volumev3.
            endpoint = account.keystone().endpoint("volumev3");
        }
        URI base = endpoint.orElseThrow(() -> new RemoteRequestException(501,
                "the project's catalog has no " + service + " service", null));
        return URI.create(base.toString().replaceAll("/+$", "") + path);
    }

    private static JsonObject json(HttpResponse<String> response) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return new JsonObject();
        }
        try {
            JsonElement parsed = JsonParser.parseString(body);
            if (!parsed.isJsonObject()) {
                throw new IllegalStateException("not a JSON object");
            }
            return parsed.getAsJsonObject();
        } catch (RuntimeException e) {
            throw new RemoteProtocolException("unreadable answer: " + e.getMessage(), e);
        }
    }
}

package io.skyfed.broker.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.skyfed.broker.api.ApiPaths;
import io.skyfed.broker.api.deltacloud.DeltacloudConfig;
import io.skyfed.broker.api.deltacloud.DeltacloudErrors;
import io.skyfed.broker.api.v1.Problem;
import io.skyfed.broker.api.v1.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Provider;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Oversized requests answered with an error body the client can read: 414 for a long request line, 431 for large
 * headers, 413 for an announced body over the limit, each as a problem (application/problem+json) or, on
 * {@code /api}, as a Deltacloud error document. The HTTP layer refuses such requests too, but with a bare status and
 * a dropped connection; so its own caps ({@code quarkus.http.limits.max-header-size},
 * {@code max-initial-line-length}) sit above these limits and only stop what is too large even to look at.
 */
@ApplicationScoped
public class RequestLimits {

    /** After SecurityHeaders (which registers its headers first), before routing and Quarkus' own body limit. */
    private static final int PRIORITY = 900;

    /** Each header line's separator and line end: "name: value\r\n". */
    private static final int HEADER_LINE_OVERHEAD = 4;

    private final HardeningConfig.Limits limits;
    private final long maxBodyBytes;
    private final Provider<DeltacloudConfig> deltacloud;
    private final ObjectMapper json;

    RequestLimits(HardeningConfig config, Provider<DeltacloudConfig> deltacloud, ObjectMapper json,
                  @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.limits = config.limits();
        this.deltacloud = deltacloud;
        this.json = json;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        // The line as sent: "METHOD SP URI SP HTTP/1.1".
        int requestLine = request.method().name().length() + 1 + request.uri().length() + 1 + 8;
        if (requestLine > limits.maxRequestLine()) {
            refuse(context, ProblemType.URI_TOO_LONG, "the request line is " + requestLine + " bytes; at most "
                    + limits.maxRequestLine() + " are accepted");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + HEADER_LINE_OVERHEAD;
        }
        if (headerBytes > limits.maxHeaderSize().asLongValue()) {
            refuse(context, ProblemType.HEADERS_TOO_LARGE, "the request headers are " + headerBytes
                    + " bytes; at most " + limits.maxHeaderSize().asLongValue() + " are accepted");
            return;
        }
        long announced = contentLength(request);
        if (announced > maxBodyBytes) {
            refuse(context, ProblemType.PAYLOAD_TOO_LARGE, "the request body is " + announced + " bytes; at most "
                    + maxBodyBytes + " are accepted");
            return;
        }
        context.next();
    }

    private static long contentLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return value == null ? -1 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // The HTTP layer itself refuses a malformed length.
        }
    }

    /** Answers and closes: the client may still be sending what it announced, and nothing of it is read. */
    private void refuse(RoutingContext context, ProblemType type, String detail) {
        HttpServerRequest request = context.request();
        String mediaType;
        Buffer body;
        if (ApiPaths.isDeltacloud(request.path())) {
            DeltacloudErrors.Document error = DeltacloudErrors.document(request, deltacloud.get(), type.status(),
                    detail, null);
            mediaType = error.mediaType();
            body = error.body();
        } else {
            mediaType = Problem.MEDIA_TYPE;
            body = Buffer.buffer(problem(type, detail));
        }
        context.response().setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, mediaType)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    private byte[] problem(ProblemType type, String detail) {
        try {
            return json.writeValueAsBytes(new Problem(type.urn(), type.title(), type.status(), detail, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.skyfed.broker.api.deltacloud;

import io.skyfed.broker.Version;
import io.skyfed.broker.api.ApiPaths;
import io.skyfed.broker.api.v1.ProblemException;
import io.skyfed.broker.api.v1.ProblemMappers;
import io.skyfed.broker.api.v1.ProblemType;
import io.skyfed.broker.security.AccessDenied;
import io.skyfed.drivers.spi.DriverException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Deltacloud-style error bodies, in the requested representation, for everything under {@code /api}. Errors on
 * other paths keep their usual responses: these mappers only shape the Deltacloud API's.
 */
public class DeltacloudErrors {

    private static final Logger LOG = Logger.getLogger(DeltacloudErrors.class);

    /** Looked up per request: filters and mappers are built before runtime configuration exists. */
    @Inject
    Provider<DeltacloudConfig> config;

    @ServerExceptionMapper
    public Response deltacloud(DeltacloudException e, HttpServerRequest request) {
        if (e.status() >= 500) {
            LOG.errorf(e, "Deltacloud request %s %s failed", request.method(), request.path());
        }
        return respond(request, e.status(), e.getMessage(), e.parameter());
    }

    @ServerExceptionMapper
    public Response driver(DriverException e, HttpServerRequest request) {
        DeltacloudException mapped = DeltacloudException.from(e);
        if (!isDeltacloud(request)) {
            return Response.status(mapped.status()).entity(e.getMessage()).type("text/plain").build();
        }
        return deltacloud(mapped, request);
    }

    /** Refused callers: a Deltacloud error on /api, a problem body elsewhere. */
    @ServerExceptionMapper
    public Response accessDenied(AccessDenied e, HttpServerRequest request) {
        if (isDeltacloud(request)) {
            return respond(request, e.status(), e.getMessage(), null);
        }
        ProblemType type = e.status() == 401 ? ProblemType.UNAUTHENTICATED : ProblemType.FORBIDDEN;
        Response problem = ProblemMappers.respond(new ProblemException(type, e.getMessage(), List.of()).toProblem());
        return e.status() == 401 ? Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build()
                : problem;
    }

    @ServerExceptionMapper({NotFoundException.class, NotAllowedException.class, NotSupportedException.class,
            NotAcceptableException.class})
    public Response http(WebApplicationException e, HttpServerRequest request) {
        if (!isDeltacloud(request)) {
            return e.getResponse();
        }
        int status = e.getResponse().getStatus();
        String message = switch (status) {
            case 404 -> "no such resource: " + request.path();
            case 405 -> request.method() + " is not allowed on " + request.path();
            default -> e.getMessage();
        };
        Response response = respond(request, status, message, null);
        if (status == 405 && e.getResponse().getHeaderString(HttpHeaders.ALLOW) != null) {
            return Response.fromResponse(response).header(HttpHeaders.ALLOW, e.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return response;
    }

    /** An error document and its media type, for code outside the JAX-RS layer (request-size limits). */
    public record Document(String mediaType, Buffer body) {
    }

    /** The Deltacloud error document for {@code request}, in the representation it asks for (XML if unclear). */
    public static Document document(HttpServerRequest request, DeltacloudConfig config, int status, String message,
                                    String parameter) {
        Format format;
        try {
            format = Format.negotiate(request.getParam("format"), request.getHeader(HttpHeaders.ACCEPT));
        } catch (DeltacloudException badFormat) {
            format = Format.XML;
        }
        String driver = DeltacloudContext.requestedDriver(request, config);
        String provider = DeltacloudContext.requestedProvider(request, config);
        Rendered body = Responses.render(format, 512,
                w -> ErrorView.write(w, status, request.uri(), driver, provider, message, parameter));
        return new Document(format.mediaType, body.body());
    }

    static boolean isDeltacloud(HttpServerRequest request) {
        return ApiPaths.isDeltacloud(request.path());
    }

    private Response respond(HttpServerRequest request, int status, String message, String parameter) {
        Document error = document(request, config.get(), status, message, parameter);
        Response.ResponseBuilder builder = Response.status(status).entity(error.body())
                .header(HttpHeaders.CONTENT_TYPE, error.mediaType());
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Deltacloud API\"");
        }
        return builder.build();
    }

    static String serverHeader() {
        return "Apache-Deltacloud/" + Version.DELTACLOUD_API;
    }
}

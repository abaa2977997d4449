package io.skyfed.broker.api.v1;

import io.skyfed.broker.federation.ProviderConflictException;
import io.skyfed.broker.federation.ProviderNotFoundException;
import io.skyfed.broker.federation.UnknownDriverException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the native API's and the federation layer's exceptions into problem bodies. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response notFound(ProviderNotFoundException e) {
        return respond(new ProblemException(ProblemType.NOT_FOUND, e.getMessage(), List.of()).toProblem());
    }

    @ServerExceptionMapper
    public Response conflict(ProviderConflictException e) {
        return respond(new ProblemException(ProblemType.CONFLICT, e.getMessage(), List.of()).toProblem());
    }

    @ServerExceptionMapper
    public Response unknownDriver(UnknownDriverException e) {
        return respond(ProblemException.invalid("driver", e.getMessage()).toProblem());
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}

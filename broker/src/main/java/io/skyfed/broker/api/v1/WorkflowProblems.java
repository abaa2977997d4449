package io.skyfed.broker.api.v1;

import io.skyfed.broker.workflow.WorkflowException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Workflow refusals as problems: unknown or foreign ids 404, state conflicts 409, bad fields 400. */
public class WorkflowProblems {

    @ServerExceptionMapper
    public Response refused(WorkflowException e) {
        ProblemException problem = switch (e.kind()) {
            case NOT_FOUND -> new ProblemException(ProblemType.NOT_FOUND, e.getMessage(), List.of());
            case CONFLICT -> new ProblemException(ProblemType.CONFLICT, e.getMessage(), List.of());
            case INVALID -> ProblemException.invalid(e.field(), e.getMessage());
        };
        return ProblemMappers.respond(problem.toProblem());
    }
}

package dev.digitgan.trainer.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the exceptions of the run endpoints into 400 / 404 / 409 with an {@link ApiError} body. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response badRequest(InvalidRunRequestException e) {
        return error(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(RunNotFoundException e) {
        return error(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(RunConflictException e) {
        return error(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unavailable(KafkaUnavailableException e) {
        return error(Response.Status.SERVICE_UNAVAILABLE, e.getMessage());
    }

    static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ApiError(message)).build();
    }
}

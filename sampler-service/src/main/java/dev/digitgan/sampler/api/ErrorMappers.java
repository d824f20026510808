package dev.digitgan.sampler.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.digitgan.sampler.model.NoModelException;
import dev.digitgan.sampler.reload.PolicyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves as JSON {@link ApiError} with a status that says whose fault it was: 4xx for
 * anything about the request (including JAX-RS's and Quarkus's own rejections: unknown path, wrong
 * method, unconvertible parameter, unreadable body, missing credentials), 5xx only for our own failures.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response badParameter(BadParameterException e) {
        return error(400, e.getMessage());
    }

    /** Listed one by one: Quarkus has its own (empty-bodied) mappers for some of these subtypes, and a mapper for the exact type wins. */
    @ServerExceptionMapper({JacksonException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, ValueInstantiationException.class})
    public Response unreadableBody(JacksonException e) {
        return error(400, "the body is not the JSON expected: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response policy(PolicyException e) {
        return error(e.status(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response noModel(NoModelException e) {
        return Response.fromResponse(error(503, e.getMessage())).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return Response.fromResponse(error(401, "this endpoint needs the admin's user name and password (HTTP basic)"))
                .header("WWW-Authenticate", "Basic realm=\"digitgan\"").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(403, "this user may not change the policy");
    }

    /** JAX-RS's own errors (404 unknown path, 405, 406, 415, parameter conversion): keep the status, add a message. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = e.getMessage() == null || e.getMessage().isBlank()
                ? Response.Status.fromStatusCode(status) == null ? "request failed" : Response.Status.fromStatusCode(status).getReasonPhrase()
                : e.getMessage();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return error(status, message);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return error(500, "internal error: " + e.getClass().getSimpleName());
    }

    static Response error(int status, String message) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status, known == null ? "Error" : known.getReasonPhrase(), message))
                .build();
    }
}

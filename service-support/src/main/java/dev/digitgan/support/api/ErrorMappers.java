package dev.digitgan.support.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of every service leaves as JSON {@link ApiError} with a status that says whose fault it was: 4xx for
 * anything about the request (including JAX-RS's and Quarkus's own rejections: unknown path, wrong method,
 * unconvertible parameter, unreadable body, missing credentials), 5xx only for our own failures. A service's own
 * exceptions implement {@link HttpFailure}.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    /** The basic-auth realm named in the 401 challenge. */
    public static final String REALM = "digitgan";

    /**
     * Listed one by one: Quarkus has its own (empty-bodied) mappers for some of these subtypes, and a mapper for
     * the exact type wins.
     */
    @ServerExceptionMapper({JacksonException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, ValueInstantiationException.class})
    public Response unreadableBody(JacksonException e) {
        return error(400, "the body is not the JSON expected: " + e.getOriginalMessage());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e) {
        return error(401, "this endpoint needs the admin's user name and password (HTTP basic)",
                Map.of("WWW-Authenticate", "Basic realm=\"" + REALM + "\""));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(403, "this user may not do this");
    }

    /**
     * JAX-RS's own errors (404 unknown path, 405, 406, 415, parameter conversion) and a resource's
     * {@code BadRequestException} / {@code NotFoundException}: keep the status, add a message.
     */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        String message = e.getMessage() == null || e.getMessage().isBlank() ? reason(status) : e.getMessage();
        return error(status, message);
    }

    /** A service's {@link HttpFailure} with its status; anything else is our bug: 500, without internals. */
    @ServerExceptionMapper
    public Response failure(Exception e) {
        if (e instanceof HttpFailure failure) {
            if (failure.status() >= 500) {
                LOG.warn(e.getMessage());
            }
            return error(failure.status(), e.getMessage(), failure.headers());
        }
        LOG.error("unexpected failure", e);
        return error(500, "internal error: " + e.getClass().getSimpleName());
    }

    public static Response error(int status, String message) {
        return error(status, message, Map.of());
    }

    public static Response error(int status, String message, Map<String, String> headers) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(status, reason(status), message));
        headers.forEach(response::header);
        return response.build();
    }

    static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known == null ? "Error" : known.getReasonPhrase();
    }
}

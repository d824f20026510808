package dev.digitgan.support.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    /** A service exception with its own status and a header, as a service declares one. */
    static final class Unavailable extends RuntimeException implements HttpFailure {
        Unavailable() {
            super("nothing to serve yet");
        }

        @Override
        public int status() {
            return 503;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("Retry-After", "5");
        }
    }

    static final class BadValue extends IllegalArgumentException implements HttpFailure {
        BadValue(String message) {
            super(message);
        }

        @Override
        public int status() {
            return 400;
        }
    }

    @Test
    void aServiceFailureKeepsItsStatusMessageAndHeaders() {
        Response r = mappers.failure(new Unavailable());
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(r.getMediaType()).isEqualTo(MediaType.APPLICATION_JSON_TYPE);
        assertThat(r.getEntity()).isEqualTo(new ApiError(503, "Service Unavailable", "nothing to serve yet"));

        assertThat(mappers.failure(new BadValue("n must be in 1..256, got 257")).getEntity())
                .isEqualTo(new ApiError(400, "Bad Request", "n must be in 1..256, got 257"));
    }

    @Test
    void unexpectedFailuresAre500WithoutInternals() {
        Response r = mappers.failure(new IllegalStateException("secret detail"));
        assertThat(r.getStatus()).isEqualTo(500);
        ApiError body = (ApiError) r.getEntity();
        assertThat(body.code()).isEqualTo(500);
        assertThat(body.type()).isEqualTo("Internal Server Error");
        assertThat(body.message()).doesNotContain("secret detail").contains("IllegalStateException");
    }

    @Test
    void frameworkErrorsKeepTheirStatusAndGetAMessage() {
        Response notFound = mappers.web(new NotFoundException());
        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(((ApiError) notFound.getEntity()).message()).isNotBlank();

        Response notAllowed = mappers.web(new NotAllowedException("GET"));
        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertThat(((ApiError) notAllowed.getEntity()).type()).isEqualTo("Method Not Allowed");
    }

    @Test
    void aResourcesOwnBadRequestKeepsItsMessage() {
        Response r = mappers.web(new BadRequestException("maxPoints must be an integer"));
        assertThat(r.getEntity()).isEqualTo(new ApiError(400, "Bad Request", "maxPoints must be an integer"));
    }

    @Test
    void unreadableJsonIsA400ThatSaysWhy() {
        Exception parse = null;
        try {
            new ObjectMapper().readTree("{not json");
        } catch (Exception e) {
            parse = e;
        }
        Response r = mappers.unreadableBody((com.fasterxml.jackson.core.JacksonException) parse);
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(((ApiError) r.getEntity()).message()).startsWith("the body is not the JSON expected: ");
    }

    @Test
    void missingCredentialsAre401WithABasicChallenge() {
        Response r = mappers.unauthorized(new AuthenticationFailedException("wrong user name or password"));
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(r.getHeaderString("WWW-Authenticate")).isEqualTo("Basic realm=\"digitgan\"");
        assertThat(((ApiError) r.getEntity()).message()).contains("user name and password")
                .doesNotContain("wrong");
    }

    @Test
    void aForbiddenUserIs403() {
        Response r = mappers.forbidden(new ForbiddenException());
        assertThat(r.getStatus()).isEqualTo(403);
        assertThat(((ApiError) r.getEntity()).type()).isEqualTo("Forbidden");
    }

    @Test
    void theShapeIsCodeTypeMessageInJson() throws Exception {
        String json = new ObjectMapper().writeValueAsString(new ApiError(404, "Not Found", "no run 'x'"));
        assertThat(json).isEqualTo("{\"code\":404,\"type\":\"Not Found\",\"message\":\"no run 'x'\"}");
    }
}

package dev.digitgan.sampler.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.sampler.model.NoModelException;
import dev.digitgan.sampler.reload.PolicyException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void noModelYetIsA503WithRetryAfterAndAReason() {
        Response r = mappers.noModel(new NoModelException());
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((ApiError) r.getEntity()).message()).contains("no model loaded yet");
    }

    @Test
    void policyErrorsKeepTheirStatus() {
        Response r = mappers.policy(new PolicyException(409, "run@2 was rejected: corrupt"));
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(r.getEntity()).isEqualTo(new ApiError(409, "Conflict", "run@2 was rejected: corrupt"));
    }

    @Test
    void frameworkErrorsKeepTheirStatusAndGetAMessage() {
        Response r = mappers.web(new NotFoundException());
        assertThat(r.getStatus()).isEqualTo(404);
        assertThat(((ApiError) r.getEntity()).message()).isNotBlank();
    }

    @Test
    void unexpectedFailuresAre500WithoutInternals() {
        Response r = mappers.unexpected(new IllegalStateException("secret detail"));
        assertThat(r.getStatus()).isEqualTo(500);
        assertThat(((ApiError) r.getEntity()).message()).doesNotContain("secret detail");
    }
}

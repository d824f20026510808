package dev.digitgan.sampler.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.digitgan.sampler.model.NoModelException;
import dev.digitgan.sampler.reload.PolicyException;
import dev.digitgan.support.api.ApiError;
import dev.digitgan.support.api.ErrorMappers;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/** The sampler's own exceptions through the shared mappers (service-support's tests cover the rest). */
class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    void noModelYetIsA503WithRetryAfterAndAReason() {
        Response r = mappers.failure(new NoModelException());
        assertThat(r.getStatus()).isEqualTo(503);
        assertThat(r.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((ApiError) r.getEntity()).message()).contains("no model loaded yet");
    }

    @Test
    void policyErrorsKeepTheirStatus() {
        Response r = mappers.failure(new PolicyException(409, "run@2 was rejected: corrupt"));
        assertThat(r.getStatus()).isEqualTo(409);
        assertThat(r.getEntity()).isEqualTo(new ApiError(409, "Conflict", "run@2 was rejected: corrupt"));
    }

    @Test
    void aBadParameterIsA400WithItsMessage() {
        Response r = mappers.failure(new BadParameterException("n must be in 1..256, got 257"));
        assertThat(r.getEntity()).isEqualTo(new ApiError(400, "Bad Request", "n must be in 1..256, got 257"));
    }
}

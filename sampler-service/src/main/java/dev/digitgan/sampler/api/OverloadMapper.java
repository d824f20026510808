package dev.digitgan.sampler.api;

import dev.digitgan.sampler.admission.OverloadedException;
import dev.digitgan.support.api.ErrorMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A refusal by admission control: the JSON error with 503 and {@code Retry-After}, like any {@code HttpFailure}, but
 * not logged. A storm of expensive requests is refused by the hundred per second; the refusals are counted in
 * {@code sampler_admission_total{result="refused"}} instead (a warning each would flood the log).
 */
public class OverloadMapper {

    @ServerExceptionMapper
    public Response overloaded(OverloadedException e) {
        return ErrorMappers.error(e.status(), e.getMessage(), e.headers());
    }
}

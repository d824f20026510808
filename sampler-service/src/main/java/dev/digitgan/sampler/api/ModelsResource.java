package dev.digitgan.sampler.api;

import dev.digitgan.sampler.model.GeneratorHolder;
import dev.digitgan.sampler.model.LoadedModel;
import dev.digitgan.sampler.model.ModelInfo;
import dev.digitgan.sampler.model.NoModelException;
import dev.digitgan.sampler.reload.PolicyException;
import dev.digitgan.sampler.reload.PolicyState;
import dev.digitgan.sampler.reload.ReloadCoordinator;
import dev.digitgan.sampler.reload.VersionPolicy;
import dev.digitgan.support.security.AdminCredentials;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The versions the sampler knows, and the policy choosing among them (changing it needs the admin role). */
@Path("/models")
@Produces(MediaType.APPLICATION_JSON)
@SecurityScheme(securitySchemeName = "basic", type = SecuritySchemeType.HTTP, scheme = "basic")
public class ModelsResource {

    /** A pin loads a checkpoint (fetch, verify, warm up): well under this unless S3 is in trouble. */
    static final long POLICY_TIMEOUT_SECONDS = 30;

    private final ModelCatalog catalog;
    private final GeneratorHolder holder;
    private final ReloadCoordinator coordinator;

    public ModelsResource(ModelCatalog catalog, GeneratorHolder holder, ReloadCoordinator coordinator) {
        this.catalog = catalog;
        this.holder = holder;
        this.coordinator = coordinator;
    }

    @GET
    @Operation(summary = "Versions known (newest first) with run, epoch, step, losses, time and quality scores;"
            + " the policy and why it serves what it serves; the model served")
    public ModelListing list() {
        return catalog.listing();
    }

    @GET
    @Path("current")
    @Operation(summary = "The model being served, with its training progress and quality scores")
    public ModelInfo current() {
        return holder.current().map(LoadedModel::info).orElseThrow(NoModelException::new);
    }

    @GET
    @Path("policy")
    @Operation(summary = "The version policy (best, latest, pinned or rollback), the model served and why")
    public PolicyState policy() {
        return coordinator.state();
    }

    @PUT
    @Path("policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(AdminCredentials.ROLE)
    @SecurityRequirement(name = "basic")
    @Operation(summary = "Set the policy: {\"mode\":\"best\"}, {\"mode\":\"latest\"},"
            + " {\"mode\":\"pinned\",\"version\":\"run@3\"}"
            + " or {\"mode\":\"rollback\"}."
            + " A pin or rollback loads the version first and answers 409 (policy unchanged) if it cannot be served.")
    public PolicyState setPolicy(PolicyRequest request) {
        if (request == null) {
            throw new BadParameterException("a JSON body {\"mode\": ...} is required");
        }
        VersionPolicy.Mode mode;
        try {
            mode = VersionPolicy.Mode.parse(request.mode());
        } catch (IllegalArgumentException e) {
            throw new BadParameterException(e.getMessage());
        }
        if (mode == VersionPolicy.Mode.PINNED && (request.version() == null || request.version().isBlank())) {
            throw new BadParameterException(
                    "mode pinned needs a version, e.g. {\"mode\":\"pinned\",\"version\":\"run-1@3\"}");
        }
        if (mode != VersionPolicy.Mode.PINNED && request.version() != null) {
            throw new BadParameterException("mode " + mode.label() + " takes no version");
        }
        var change = switch (mode) {
            case BEST -> coordinator.followBest();
            case LATEST -> coordinator.followLatest();
            case PINNED -> coordinator.pin(request.version().trim());
            case ROLLBACK -> coordinator.rollback();
        };
        try {
            return change.get(POLICY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof PolicyException p) {
                throw p;
            }
            throw new IllegalStateException("policy change failed", e.getCause());
        } catch (TimeoutException e) {
            throw new PolicyException(409, "the policy change is still loading after " + POLICY_TIMEOUT_SECONDS
                    + " s; GET /models/policy shows when it is done");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

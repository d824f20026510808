package dev.digitgan.sampler.api;

import dev.digitgan.model.events.PolicyChange;
import dev.digitgan.sampler.kafka.PolicyPublisher;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
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
    private final PolicyPublisher publisher;

    public ModelsResource(ModelCatalog catalog, GeneratorHolder holder, ReloadCoordinator coordinator,
                          PolicyPublisher publisher) {
        this.catalog = catalog;
        this.holder = holder;
        this.coordinator = coordinator;
        this.publisher = publisher;
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
    @Operation(summary = "Set the policy of every replica: {\"mode\":\"best\"}, {\"mode\":\"latest\"},"
            + " {\"mode\":\"pinned\",\"version\":\"run@3\"}"
            + " or {\"mode\":\"rollback\"}."
            + " A pin or rollback loads the version on this replica first and answers 409 (policy unchanged) if it"
            + " cannot be served here; the change is then published to the fleet's policy topic (503 with"
            + " Retry-After, policy unchanged, when Kafka does not take it) and answered once this replica applied it.")
    public PolicyState setPolicy(PolicyRequest request, @Context SecurityContext security) {
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
        VersionPolicy resolved = await(coordinator.resolve(mode,
                mode == VersionPolicy.Mode.PINNED ? request.version().trim() : null));
        String user = security.getUserPrincipal() == null ? null : security.getUserPrincipal().getName();
        PolicyChange change = resolved.change(user, Instant.now());
        CompletableFuture<PolicyState> applied = coordinator.applied(change);
        try {
            publisher.publish(change);
        } catch (RuntimeException e) {
            coordinator.stopWaiting(change);
            coordinator.requestReconcile(); // a pin or rollback loaded here goes back to what the policy says
            throw e;
        }
        try {
            return applied.get(POLICY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Published, so every replica applies it; this one is still loading or reading: say where it is.
            coordinator.stopWaiting(change);
            return coordinator.state();
        } catch (ExecutionException e) {
            throw new IllegalStateException("policy change failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static <T> T await(CompletableFuture<T> work) {
        try {
            return work.get(POLICY_TIMEOUT_SECONDS, TimeUnit.SECONDS);
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

package dev.digitgan.trainer.api;

import dev.digitgan.model.events.RunStatus;
import dev.digitgan.model.events.TrainingRequest;
import dev.digitgan.support.security.AdminCredentials;
import dev.digitgan.trainer.kafka.RunStatusView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Start, list, inspect and stop training runs. Starting and stopping need the admin's HTTP basic credentials. */
@Path("/runs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "runs")
@SecurityScheme(securitySchemeName = "admin", type = SecuritySchemeType.HTTP, scheme = "basic")
public class RunsResource {

    static final String ADMIN = AdminCredentials.ROLE;

    private final RunRequests requests;
    private final RunStatusView view;

    public RunsResource(RunRequests requests, RunStatusView view) {
        this.requests = requests;
        this.view = view;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(ADMIN)
    @SecurityRequirement(name = "admin")
    @Operation(summary = "Queue a training run; one of the trainer instances takes it")
    @APIResponse(responseCode = "202", description = "Queued; Location names the run")
    @APIResponse(responseCode = "400", description = "Missing or invalid field")
    @APIResponse(responseCode = "401", description = "No or wrong credentials")
    @APIResponse(responseCode = "409", description = "Run id already taken")
    public Response start(StartRunBody body, @Context SecurityContext security, @Context UriInfo uri) {
        TrainingRequest request = requests.start(body, security.getUserPrincipal().getName());
        URI location = uri.getBaseUriBuilder().path("runs").path(request.runId()).build();
        return Response.accepted(new RunAccepted(request.runId(), location.getPath())).location(location).build();
    }

    @GET
    @Operation(summary = "Every run's newest status, most recently updated first")
    public List<RunStatus> list() {
        return view.all();
    }

    @GET
    @Path("{runId}")
    @Operation(summary = "A run's newest status")
    @APIResponse(responseCode = "200", description = "The status")
    @APIResponse(responseCode = "404", description = "No such run")
    public RunStatus get(@PathParam("runId") String runId) {
        return requests.find(runId).orElseThrow(() -> new RunNotFoundException(runId));
    }

    @POST
    @Path("{runId}/stop")
    @RolesAllowed(ADMIN)
    @SecurityRequirement(name = "admin")
    @Operation(summary = "Stop a run after its current step; it stores a final checkpoint and ends STOPPED")
    @APIResponse(responseCode = "202", description = "Stop command sent")
    @APIResponse(responseCode = "401", description = "No or wrong credentials")
    @APIResponse(responseCode = "404", description = "No such run")
    @APIResponse(responseCode = "409", description = "The run is already over")
    public Response stop(@PathParam("runId") String runId, @Context SecurityContext security) {
        RunStatus status = requests.stop(runId, security.getUserPrincipal().getName());
        return Response.accepted(status).build();
    }
}

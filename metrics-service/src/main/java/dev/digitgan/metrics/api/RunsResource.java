package dev.digitgan.metrics.api;

import dev.digitgan.metrics.aggregate.EpochSummary;
import dev.digitgan.metrics.aggregate.LossAggregator;
import dev.digitgan.metrics.aggregate.LossPoint;
import dev.digitgan.metrics.aggregate.QualitySummary;
import dev.digitgan.metrics.aggregate.RunAggregate;
import dev.digitgan.metrics.aggregate.RunSummary;
import dev.digitgan.model.events.RunIds;
import dev.digitgan.model.image.LossChart;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Runs as the metrics service sees them: summaries, loss curves (JSON, PNG, live), epoch statistics and the quality
 * scores of their checkpoints (JSON, PNG).
 */
@Path("/runs")
public class RunsResource {

    static final int MAX_POINTS_LIMIT = 10_000;
    static final int MIN_CHART_SIDE = 100;
    static final int MAX_CHART_SIDE = 4_000;
    /** The seed's plot had one line per loss over every step; this many means keep the PNG quick to draw. */
    static final int CHART_POINTS = 1_000;

    private final LossAggregator aggregator;
    private final LossStream stream;

    public RunsResource(LossAggregator aggregator, LossStream stream) {
        this.aggregator = aggregator;
        this.stream = stream;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every run seen on the topics, with its latest values")
    public List<RunSummary> runs() {
        return aggregator.runs().stream().map(RunAggregate::summary).toList();
    }

    @GET
    @Path("/{runId}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One run's latest values")
    @APIResponse(responseCode = "200", description = "the run")
    @APIResponse(responseCode = "404", description = "no event of this run has been seen")
    public RunSummary run(@PathParam("runId") String runId) {
        return find(runId).summary();
    }

    @GET
    @Path("/{runId}/losses")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The run's loss history, downsampled to at most maxPoints points"
            + " (mean, min and max per point)")
    @APIResponse(responseCode = "200", description = "the history")
    @APIResponse(responseCode = "400", description = "maxPoints out of range")
    @APIResponse(responseCode = "404", description = "unknown run")
    public LossHistoryView losses(@PathParam("runId") String runId,
                                  @Parameter(description = "1.." + MAX_POINTS_LIMIT)
                                  @QueryParam("maxPoints") @DefaultValue("1000") String maxPoints) {
        int max = intParam("maxPoints", maxPoints, 1, MAX_POINTS_LIMIT);
        RunAggregate run = find(runId);
        RunSummary summary = run.summary();
        return new LossHistoryView(runId, summary.lossEvents(), max, run.history(max));
    }

    @GET
    @Path("/{runId}/losses.png")
    @Produces("image/png")
    @Operation(summary = "The run's discriminator and generator loss against step, as a PNG")
    @APIResponse(responseCode = "200", description = "the chart")
    @APIResponse(responseCode = "400", description = "width or height out of range")
    @APIResponse(responseCode = "404", description = "unknown run")
    public byte[] lossChart(@PathParam("runId") String runId,
                            @QueryParam("width") @DefaultValue("800") String width,
                            @QueryParam("height") @DefaultValue("500") String height) {
        int w = intParam("width", width, MIN_CHART_SIDE, MAX_CHART_SIDE);
        int h = intParam("height", height, MIN_CHART_SIDE, MAX_CHART_SIDE);
        List<LossPoint> points = find(runId).history(CHART_POINTS);
        long[] steps = new long[points.size()];
        double[] d = new double[points.size()];
        double[] g = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            steps[i] = points.get(i).step();
            d[i] = points.get(i).discriminatorLoss();
            g[i] = points.get(i).generatorLoss();
        }
        return LossChart.png("Run " + runId + ": loss per step", steps, d, g, w, h);
    }

    @GET
    @Path("/{runId}/quality")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every checkpoint version of the run with its quality scores (one per evaluator and N), "
            + "and the newest and best score of the run's per-checkpoint series")
    @APIResponse(responseCode = "200", description = "the quality history; unscored checkpoints have no scores")
    @APIResponse(responseCode = "404", description = "unknown run")
    public QualitySummary quality(@PathParam("runId") String runId) {
        return find(runId).quality();
    }

    @GET
    @Path("/{runId}/quality.png")
    @Produces("image/png")
    @Operation(summary = "The run's Fréchet distance, Inception Score, label entropy (and label accuracy, if "
            + "conditional) against step, as a PNG")
    @APIResponse(responseCode = "200", description = "the chart")
    @APIResponse(responseCode = "400", description = "width or height out of range")
    @APIResponse(responseCode = "404", description = "unknown run")
    public byte[] qualityChart(@PathParam("runId") String runId,
                               @QueryParam("width") @DefaultValue("800") String width,
                               @QueryParam("height") @DefaultValue("500") String height) {
        int w = intParam("width", width, MIN_CHART_SIDE, MAX_CHART_SIDE);
        int h = intParam("height", height, MIN_CHART_SIDE, MAX_CHART_SIDE);
        return QualityChart.png("Run " + runId + ": quality per checkpoint", find(runId).quality(), w, h);
    }

    @GET
    @Path("/{runId}/epochs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Per-epoch count, mean, min and max of D loss, G loss, D(x), D(G(z)) and images/s")
    @APIResponse(responseCode = "404", description = "unknown run")
    public List<EpochSummary> epochs(@PathParam("runId") String runId) {
        return find(runId).epochs();
    }

    @GET
    @Path("/{runId}/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "Server-sent events: one JSON loss point per step counted from now on")
    @APIResponse(responseCode = "404", description = "unknown run")
    public Multi<LossPoint> stream(@PathParam("runId") String runId) {
        find(runId);
        return stream.follow(runId);
    }

    private RunAggregate find(String runId) {
        if (!RunIds.isValid(runId)) {
            throw new BadRequestException("invalid run id '" + runId
                    + "': 1-63 characters of a-z, 0-9 and '-', starting with a letter or digit");
        }
        return aggregator.run(runId).orElseThrow(() -> new NotFoundException("no events seen for run '" + runId + "'"));
    }

    /** Parsed here rather than by JAX-RS so that "abc" gets a 400 that says which parameter and why. */
    private static int intParam(String name, String value, int min, int max) {
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestException(name + " must be an integer, was '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new BadRequestException(name + " must be between " + min + " and " + max + ", was " + parsed);
        }
        return parsed;
    }
}

package dev.digitgan.sampler.api;

import dev.digitgan.sampler.config.SamplerConfig;
import dev.digitgan.sampler.model.DigitSampler;
import dev.digitgan.sampler.model.Pixels;
import dev.digitgan.sampler.model.Rendered;
import dev.digitgan.support.api.ApiError;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Digits as PNG and JSON. Parameters arrive as text and are parsed by {@link Params}, so that bad
 * values get a 400 that says what is wrong. Every response names the model and the seed: the same seed
 * and model version always give the same bytes.
 */
@Path("/digits")
public class DigitsResource {

    static final String IMAGE_PNG = "image/png";
    static final int MAX_INDEX = 4095;

    private final DigitSampler sampler;
    private final SamplerConfig config;

    public DigitsResource(DigitSampler sampler, SamplerConfig config) {
        this.sampler = sampler;
        this.config = config;
    }

    @GET
    @Path("grid.png")
    @Produces(IMAGE_PNG)
    @Operation(summary = "A grid of n generated digits")
    @APIResponse(responseCode = "200", description = "PNG grid", content = @Content(mediaType = IMAGE_PNG),
            headers = {@Header(name = ModelHeaders.MODEL_VERSION, description = "runId@version of the model used"),
                    @Header(name = ModelHeaders.SEED, description = "the seed used (echoed, or chosen when absent)")})
    @APIResponse(responseCode = "400", description = "a parameter is out of range or not a number",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    public Response grid(
            @Parameter(description = "number of digits, 1..max-grid (256)") @QueryParam("n") String n,
            @Parameter(description = "0..2^53-1; random when absent") @QueryParam("seed") String seed,
            @Parameter(description = "digits per row; default ceil(sqrt(n))") @QueryParam("columns") String columns,
            @Parameter(description = "pixels per model pixel, 1..8 (default 2)") @QueryParam("scale") String scale) {
        int count = Params.intIn("n", n, 64, 1, config.maxGrid());
        int cols = Params.intIn("columns", columns, (int) Math.ceil(Math.sqrt(count)), 1, config.maxGrid());
        int px = Params.intIn("scale", scale, 2, 1, 8);
        long s = Params.seed("seed", seed);
        return png(sampler.grid(count, s, cols, px)).build();
    }

    @GET
    @Path("digit.png")
    @Produces(IMAGE_PNG)
    @Operation(summary = "One generated digit (digit 0 of the seed)")
    public Response digit(@QueryParam("seed") String seed, @QueryParam("scale") String scale) {
        return png(sampler.digit(0, Params.seed("seed", seed), Params.intIn("scale", scale, 4, 1, 16))).build();
    }

    @GET
    @Path("{index}.png")
    @Produces(IMAGE_PNG)
    @Operation(summary = "Digit number `index` of the grid with this seed")
    public Response digitAt(
            @Parameter(description = "0.." + MAX_INDEX) @PathParam("index") String index,
            @QueryParam("seed") String seed, @QueryParam("scale") String scale) {
        int i = Params.intIn("index", index, 0, 0, MAX_INDEX);
        return png(sampler.digit(i, Params.seed("seed", seed), Params.intIn("scale", scale, 4, 1, 16))).build();
    }

    @GET
    @Path("walk.png")
    @Produces(IMAGE_PNG)
    @Operation(summary = "A latent walk: `steps` digits from digit 0 of seed `from` to digit 0 of seed `to`")
    public Response walk(@QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("steps") String steps, @QueryParam("scale") String scale) {
        long a = Params.seed("from", from);
        long b = Params.seed("to", to);
        int k = Params.intIn("steps", steps, 10, 2, config.maxWalkSteps());
        Rendered walk = sampler.walk(a, b, k, Params.intIn("scale", scale, 2, 1, 8));
        return png(walk).header("X-Seed-To", b).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "n digits as grey values (0 black .. 255 white), 784 per digit, row-major")
    public Response pixels(@QueryParam("n") String n, @QueryParam("seed") String seed) {
        Pixels pixels = sampler.pixels(Params.intIn("n", n, 1, 1, config.maxJson()), Params.seed("seed", seed));
        return Response.ok(pixels)
                .header(ModelHeaders.MODEL_VERSION, pixels.modelVersion())
                .header(ModelHeaders.SEED, Long.toString(pixels.seed()))
                .build();
    }

    private static Response.ResponseBuilder png(Rendered rendered) {
        return Response.ok(rendered.png(), IMAGE_PNG)
                .header(ModelHeaders.MODEL_VERSION, rendered.model().modelVersion())
                .header(ModelHeaders.MODEL_STEP, rendered.model().step())
                .header(ModelHeaders.SEED, Long.toString(rendered.seed()))
                // A new model may answer the same URL differently: never serve a stale model from a cache.
                .header("Cache-Control", "no-cache");
    }
}

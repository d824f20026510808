package dev.digitgan.sampler.api;

import dev.digitgan.sampler.admission.AdmissionControl;
import dev.digitgan.sampler.admission.RenderAdmission;
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
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Digits as PNG and JSON. Parameters arrive as text and become a {@link RenderRequest} record, the one HTTP and
 * gRPC share, so that bad values get a 400 that says what is wrong, in the words gRPC uses. Every response names
 * the model and the seed: the same seed and model version always give the same bytes. Every render is charged
 * against {@link RenderAdmission} first (the record's cost): beyond its limits the answer is 503 with
 * {@code Retry-After}.
 *
 * <p>A conditional model draws a chosen digit ({@code digit=0..9}), writes numbers ({@code number.png}) and draws
 * one row per digit ({@code classes.png}); an unconditional one answers those with a 400 that says it is
 * unconditional. {@value ModelHeaders#MODEL_CONDITIONAL} says which kind answered.
 */
@Path("/digits")
public class DigitsResource {

    static final String IMAGE_PNG = "image/png";
    static final String DIGIT = "0..9: draw only this digit (conditional models only; 400 from an unconditional one);"
            + " absent: any";

    private final DigitSampler sampler;
    private final RequestLimits limits;
    private final RenderAdmission admission;

    public DigitsResource(DigitSampler sampler, SamplerConfig config, RenderAdmission admission) {
        this.sampler = sampler;
        this.limits = RequestLimits.of(config);
        this.admission = admission;
    }

    @GET
    @Path("grid.png")
    @Produces(IMAGE_PNG)
    @Operation(summary = "A grid of n generated digits")
    @APIResponse(responseCode = "200", description = "PNG grid", content = @Content(mediaType = IMAGE_PNG),
            headers = {@Header(name = ModelHeaders.MODEL_VERSION, description = "runId@version of the model used"),
                    @Header(name = ModelHeaders.SEED, description = "the seed used (echoed, or chosen when absent)"),
                    @Header(name = ModelHeaders.MODEL_CONDITIONAL, description = "whether the model draws a chosen"
                            + " digit")})
    @APIResponse(responseCode = "400", description = "a parameter is out of range or not a number",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "503", description = "busy: more render work than the replica takes on; retry after "
            + "the seconds in Retry-After", headers = @Header(name = "Retry-After"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiError.class)))
    public Response grid(
            @Parameter(description = "number of digits, 1..max-grid (default " + GridRequest.DEFAULT_N + ")")
            @QueryParam("n") String n,
            @Parameter(description = "0..2^53-1; random when absent") @QueryParam("seed") String seed,
            @Parameter(description = "digits per row; default ceil(sqrt(n))") @QueryParam("columns") String columns,
            @Parameter(description = "pixels per model pixel, 1.." + Params.MAX_GRID_SCALE + " (default "
                    + GridRequest.DEFAULT_SCALE + ")") @QueryParam("scale") String scale,
            @Parameter(description = DIGIT) @QueryParam("digit") String digit) {
        GridRequest r = GridRequest.of(limits, n, seed, columns, scale, digit);
        return png(charged(r, () -> sampler.grid(r.n(), r.seed(), r.columns(), r.scale(), r.digit()))).build();
    }

    @GET
    @Path("digit.png")
    @Produces(IMAGE_PNG)
    @Operation(summary = "One generated digit (digit 0 of the seed)")
    public Response digit(@QueryParam("seed") String seed, @QueryParam("scale") String scale,
                          @Parameter(description = DIGIT) @QueryParam("digit") String digit) {
        return digit(DigitRequest.of(null, seed, scale, digit));
    }

    @GET
    @Path("{index}.png")
    @Produces(IMAGE_PNG)
    @Operation(summary = "Digit number `index` of the grid with this seed")
    public Response digitAt(
            @Parameter(description = "0.." + Params.MAX_INDEX) @PathParam("index") String index,
            @QueryParam("seed") String seed, @QueryParam("scale") String scale,
            @Parameter(description = DIGIT) @QueryParam("digit") String digit) {
        return digit(DigitRequest.of(index, seed, scale, digit));
    }

    @GET
    @Path("number.png")
    @Produces(IMAGE_PNG)
    @Operation(summary = "A number written by hand: each character a digit drawn by the generator (conditional"
            + " models only)")
    @APIResponse(responseCode = "200", description = "PNG of one line of digits", content = @Content(mediaType =
            IMAGE_PNG))
    @APIResponse(responseCode = "400", description = "value is missing, too long or not digits 0-9; or the served"
            + " model is unconditional", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiError.class)))
    public Response number(
            @Parameter(description = "the digits to write, 1..max-number-length of 0-9, e.g. 2026")
            @QueryParam("value") String value,
            @Parameter(description = "0..2^53-1; random when absent") @QueryParam("seed") String seed,
            @Parameter(description = "pixels per model pixel, 1.." + Params.MAX_GRID_SCALE + " (default "
                    + NumberRequest.DEFAULT_SCALE + ")") @QueryParam("scale") String scale) {
        NumberRequest r = NumberRequest.of(limits, value, seed, scale);
        return png(charged(r, () -> sampler.number(r.value(), r.seed(), r.scale()))).build();
    }

    @GET
    @Path("classes.png")
    @Produces(IMAGE_PNG)
    @Operation(summary = "Ten rows, row k drawing digit k; each column one z of the seed (conditional models only)")
    @APIResponse(responseCode = "400", description = "a parameter is out of range, or the served model is"
            + " unconditional", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiError.class)))
    public Response classes(
            @Parameter(description = "digits per row, 1..max-grid/10 (default " + ClassesRequest.DEFAULT_PER_CLASS
                    + ")") @QueryParam("per-class") String perClass,
            @Parameter(description = "0..2^53-1; random when absent") @QueryParam("seed") String seed,
            @Parameter(description = "pixels per model pixel, 1.." + Params.MAX_GRID_SCALE + " (default "
                    + ClassesRequest.DEFAULT_SCALE + ")") @QueryParam("scale") String scale) {
        ClassesRequest r = ClassesRequest.of(limits, perClass, seed, scale);
        return png(charged(r, () -> sampler.classes(r.perClass(), r.seed(), r.scale()))).build();
    }

    @GET
    @Path("walk.png")
    @Produces(IMAGE_PNG)
    @Operation(summary = "A latent walk: `steps` digits from digit 0 of seed `from` to digit 0 of seed `to`")
    public Response walk(@QueryParam("from") String from, @QueryParam("to") String to,
                         @QueryParam("steps") String steps, @QueryParam("scale") String scale) {
        WalkRequest r = WalkRequest.of(limits, from, to, steps, scale);
        Rendered walk = charged(r, () -> sampler.walk(r.from(), r.to(), r.steps(), r.scale()));
        return png(walk).header("X-Seed-To", r.to()).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "n digits as grey values (0 black .. 255 white), 784 per digit, row-major")
    public Response pixels(@QueryParam("n") String n, @QueryParam("seed") String seed,
                           @Parameter(description = DIGIT) @QueryParam("digit") String digit) {
        PixelsRequest r = PixelsRequest.of(limits, n, seed, digit);
        Pixels pixels = charged(r, () -> sampler.pixels(r.n(), r.seed(), r.digit()));
        return Response.ok(pixels)
                .header(ModelHeaders.MODEL_VERSION, pixels.modelVersion())
                .header(ModelHeaders.SEED, Long.toString(pixels.seed()))
                .header(ModelHeaders.MODEL_CONDITIONAL, pixels.labels() != null)
                .build();
    }

    private Response digit(DigitRequest r) {
        return png(charged(r, () -> sampler.digit(r.index(), r.seed(), r.scale(), r.digit()))).build();
    }

    /** Renders once admitted; the units are given back when the bytes are made (their copy is small). */
    private <T> T charged(RenderRequest request, Supplier<T> render) {
        try (AdmissionControl.Permit permit = admission.admit(request.cost())) {
            return render.get();
        }
    }

    private static Response.ResponseBuilder png(Rendered rendered) {
        return Response.ok(rendered.png(), IMAGE_PNG)
                .header(ModelHeaders.MODEL_VERSION, rendered.model().modelVersion())
                .header(ModelHeaders.MODEL_STEP, rendered.model().step())
                .header(ModelHeaders.SEED, Long.toString(rendered.seed()))
                .header(ModelHeaders.MODEL_CONDITIONAL, rendered.model().conditional())
                // A new model may answer the same URL differently: never serve a stale model from a cache.
                .header("Cache-Control", "no-cache");
    }
}

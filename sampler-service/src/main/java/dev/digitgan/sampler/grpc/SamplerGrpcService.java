package dev.digitgan.sampler.grpc;

import static dev.digitgan.sampler.api.Params.text;

import com.google.protobuf.ByteString;
import dev.digitgan.model.quality.QualityScores;
import dev.digitgan.sampler.admission.AdmissionControl;
import dev.digitgan.sampler.admission.OverloadedException;
import dev.digitgan.sampler.admission.RenderAdmission;
import dev.digitgan.sampler.api.BadParameterException;
import dev.digitgan.sampler.api.ClassesRequest;
import dev.digitgan.sampler.api.DigitRequest;
import dev.digitgan.sampler.api.GridRequest;
import dev.digitgan.sampler.api.ModelCatalog;
import dev.digitgan.sampler.api.ModelListing;
import dev.digitgan.sampler.api.NumberRequest;
import dev.digitgan.sampler.api.PixelsRequest;
import dev.digitgan.sampler.api.RenderRequest;
import dev.digitgan.sampler.api.RequestLimits;
import dev.digitgan.sampler.config.SamplerConfig;
import dev.digitgan.sampler.grpc.v1.Digit;
import dev.digitgan.sampler.grpc.v1.Image;
import dev.digitgan.sampler.grpc.v1.ListModelsReply;
import dev.digitgan.sampler.grpc.v1.ListModelsRequest;
import dev.digitgan.sampler.grpc.v1.ModelVersion;
import dev.digitgan.sampler.grpc.v1.PixelsReply;
import dev.digitgan.sampler.grpc.v1.Quality;
import dev.digitgan.sampler.grpc.v1.Sampler;
import dev.digitgan.sampler.model.DigitSampler;
import dev.digitgan.sampler.model.ModelInfo;
import dev.digitgan.sampler.model.NoModelException;
import dev.digitgan.sampler.model.Pixels;
import dev.digitgan.sampler.model.Rendered;
import dev.digitgan.sampler.model.UnconditionalModelException;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The HTTP operations over gRPC: each builds the request record HTTP builds ({@link RenderRequest}), so the
 * validation, its messages and the admission charge are HTTP's, and the same seed gives the same images. Numbers
 * are handed over as their decimal text ({@code Params.text}) to the parser HTTP's text goes through, so that both
 * answer one value with one message.
 */
@GrpcService
@Blocking
public class SamplerGrpcService implements Sampler {

    private final DigitSampler sampler;
    private final RequestLimits limits;
    private final ModelCatalog models;
    private final RenderAdmission admission;

    public SamplerGrpcService(DigitSampler sampler, SamplerConfig config, ModelCatalog models,
                              RenderAdmission admission) {
        this.sampler = sampler;
        this.limits = RequestLimits.of(config);
        this.models = models;
        this.admission = admission;
    }

    @Override
    public Uni<Image> grid(dev.digitgan.sampler.grpc.v1.GridRequest request) {
        return call(() -> {
            GridRequest r = GridRequest.of(limits, text(request.hasN(), request.getN()),
                    text(request.hasSeed(), request.getSeed()), text(request.hasColumns(), request.getColumns()),
                    text(request.hasScale(), request.getScale()), text(request.hasDigit(), request.getDigit()));
            return image(charged(r, () -> sampler.grid(r.n(), r.seed(), r.columns(), r.scale(), r.digit())));
        });
    }

    @Override
    public Uni<Image> digit(dev.digitgan.sampler.grpc.v1.DigitRequest request) {
        return call(() -> {
            // index is not optional in the proto: absent reads as 0, HTTP's digit.png.
            DigitRequest r = DigitRequest.of(text(true, request.getIndex()), text(request.hasSeed(), request.getSeed()),
                    text(request.hasScale(), request.getScale()), text(request.hasDigit(), request.getDigit()));
            return image(charged(r, () -> sampler.digit(r.index(), r.seed(), r.scale(), r.digit())));
        });
    }

    @Override
    public Uni<PixelsReply> pixels(dev.digitgan.sampler.grpc.v1.PixelsRequest request) {
        return call(() -> {
            PixelsRequest r = PixelsRequest.of(limits, text(request.hasN(), request.getN()),
                    text(request.hasSeed(), request.getSeed()), text(request.hasDigit(), request.getDigit()));
            Pixels pixels = charged(r, () -> sampler.pixels(r.n(), r.seed(), r.digit()));
            PixelsReply.Builder reply = PixelsReply.newBuilder().setModelVersion(pixels.modelVersion())
                    .setSeed(pixels.seed()).setWidth(pixels.width()).setHeight(pixels.height());
            for (int i = 0; i < pixels.digits().size(); i++) {
                Digit.Builder digit = Digit.newBuilder()
                        .addAllGrey(Arrays.stream(pixels.digits().get(i)).boxed().toList());
                if (pixels.labels() != null) {
                    digit.setLabel(pixels.labels().get(i));
                }
                reply.addDigits(digit);
            }
            return reply.build();
        });
    }

    @Override
    public Uni<Image> number(dev.digitgan.sampler.grpc.v1.NumberRequest request) {
        return call(() -> {
            // value is not optional in the proto: absent reads as "", which the record refuses as missing.
            NumberRequest r = NumberRequest.of(limits, request.getValue(), text(request.hasSeed(), request.getSeed()),
                    text(request.hasScale(), request.getScale()));
            return image(charged(r, () -> sampler.number(r.value(), r.seed(), r.scale())));
        });
    }

    @Override
    public Uni<Image> classes(dev.digitgan.sampler.grpc.v1.ClassesRequest request) {
        return call(() -> {
            ClassesRequest r = ClassesRequest.of(limits, text(request.hasPerClass(), request.getPerClass()),
                    text(request.hasSeed(), request.getSeed()), text(request.hasScale(), request.getScale()));
            return image(charged(r, () -> sampler.classes(r.perClass(), r.seed(), r.scale())));
        });
    }

    @Override
    public Uni<ListModelsReply> listModels(ListModelsRequest request) {
        return call(() -> {
            ModelListing listing = models.listing();
            ListModelsReply.Builder reply = ListModelsReply.newBuilder()
                    .setServing(listing.serving() == null ? "" : listing.serving().modelVersion())
                    .setPolicyMode(listing.policy().mode())
                    .setPolicyVersion(listing.policy().version() == null ? "" : listing.policy().version())
                    .setPolicyReason(listing.policy().reason() == null ? "" : listing.policy().reason())
                    .setServingConditional(listing.serving() != null && listing.serving().conditional());
            for (ModelListing.Entry e : listing.versions()) {
                ModelInfo m = e.model();
                ModelVersion.Builder version = ModelVersion.newBuilder().setModelVersion(m.modelVersion())
                        .setRunId(m.runId())
                        .setVersion(m.version()).setSource(m.source()).setPreset(m.preset() == null ? "" : m.preset())
                        .setEpoch(m.epoch()).setStep(m.step()).setDiscriminatorLoss(m.discriminatorLoss())
                        .setGeneratorLoss(m.generatorLoss())
                        .setCreatedAt(m.createdAt() == null ? "" : m.createdAt().toString())
                        .setServing(e.serving()).setRejected(e.rejected() == null ? "" : e.rejected())
                        .setClasses(m.classes());
                if (m.quality() != null) {
                    version.setQuality(quality(m.quality()));
                }
                reply.addVersions(version);
            }
            return reply.build();
        });
    }

    private static Quality quality(QualityScores q) {
        Quality.Builder quality = Quality.newBuilder().setFrechetDistance(q.frechetDistance())
                .setInceptionScore(q.inceptionScore()).setLabelEntropyBits(q.labelEntropyBits())
                .setSamples(q.samples()).setEvaluator(q.evaluator());
        if (q.labelAccuracy() != null) {
            quality.setLabelAccuracy(q.labelAccuracy());
        }
        return quality.build();
    }

    private <T> T charged(RenderRequest request, Supplier<T> render) {
        try (AdmissionControl.Permit permit = admission.admit(request.cost())) {
            return render.get();
        }
    }

    private static Image image(Rendered r) {
        return Image.newBuilder().setPng(ByteString.copyFrom(r.png()))
                .setModelVersion(r.model().modelVersion()).setSeed(r.seed())
                .setModelConditional(r.model().conditional()).build();
    }

    /**
     * Runs on a worker thread (@Blocking); maps our exceptions to gRPC status codes with the same messages as HTTP.
     */
    private static <T> Uni<T> call(Supplier<T> work) {
        try {
            return Uni.createFrom().item(work.get());
        } catch (BadParameterException e) {
            return Uni.createFrom()
                    .failure(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (OverloadedException e) {
            // gRPC's code for "out of a resource, retry later"; the message says how long, as Retry-After does.
            return Uni.createFrom().failure(Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()
                    + " (retry after " + e.retryAfterSeconds() + " s)").asRuntimeException());
        } catch (UnconditionalModelException e) {
            // The request is well-formed; the model served cannot do it (HTTP answers 400 with this message).
            return Uni.createFrom()
                    .failure(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
        } catch (NoModelException e) {
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
        }
    }
}

package dev.digitgan.sampler.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import dev.digitgan.sampler.grpc.v1.DigitRequest;
import dev.digitgan.sampler.grpc.v1.GridRequest;
import dev.digitgan.sampler.grpc.v1.Image;
import dev.digitgan.sampler.grpc.v1.ListModelsReply;
import dev.digitgan.sampler.grpc.v1.ListModelsRequest;
import dev.digitgan.sampler.grpc.v1.PixelsReply;
import dev.digitgan.sampler.grpc.v1.PixelsRequest;
import dev.digitgan.sampler.grpc.v1.SamplerGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gRPC API through a real client: a generated blocking stub over a plaintext channel to the HTTP port. */
@QuarkusTest
@WithTestResource(SamplerStackResource.class)
class GrpcApiTest {

    private static ManagedChannel channel;
    private static SamplerGrpc.SamplerBlockingStub sampler;

    @BeforeAll
    static void connect() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        sampler = SamplerGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
        AppUnderTest.awaitAModel();
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void gridOverGrpcIsThePngHttpServesForTheSameSeed() throws Exception {
        Image image = sampler.grid(GridRequest.newBuilder().setN(9).setSeed(31).build());
        assertThat(image.getSeed()).isEqualTo(31);
        assertThat(image.getModelVersion()).contains("@");
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.getPng().toByteArray()));
        assertThat(png.getWidth()).isEqualTo(3 * (56 + 2) + 2);
        var http = given().queryParam("n", 9).queryParam("seed", 31).get("/digits/grid.png");
        if (http.header("X-Model-Version").equals(image.getModelVersion())) {
            assertThat(http.asByteArray()).isEqualTo(image.getPng().toByteArray());
        }
    }

    @Test
    void digitPixelsAndModelsOverGrpc() {
        Image digit = sampler.digit(DigitRequest.newBuilder().setIndex(2).setSeed(5).build());
        assertThat(digit.getPng().size()).isGreaterThan(50);
        PixelsReply pixels = sampler.pixels(PixelsRequest.newBuilder().setN(2).setSeed(5).build());
        assertThat(pixels.getDigitsCount()).isEqualTo(2);
        assertThat(pixels.getDigits(0).getGreyList()).hasSize(784).allMatch(v -> v >= 0 && v <= 255);
        ListModelsReply models = sampler.listModels(ListModelsRequest.getDefaultInstance());
        assertThat(models.getServing()).contains("@");
        assertThat(models.getVersionsList())
                .anyMatch(v -> v.getServing() && v.getModelVersion().equals(models.getServing()));
        assertThat(models.getPolicyMode()).isIn("latest", "pinned", "rollback");
    }

    @Test
    void badArgumentsAreInvalidArgumentWithTheHttpMessage() {
        assertThatThrownBy(() -> sampler.grid(GridRequest.newBuilder().setN(257).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("n must be in 1..256, got 257");
                });
        assertThatThrownBy(() -> sampler.digit(DigitRequest.newBuilder().setIndex(-1).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
        assertThatThrownBy(() -> sampler.grid(GridRequest.newBuilder().setSeed(-5).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getDescription()).startsWith("seed must be in 0.."));
    }

    /** Both build the same request record: each bad value gets one message, whichever way it arrives. */
    @Test
    void httpAndGrpcGiveTheSameMessageForTheSameBadInput() {
        assertSameMessage("/digits/grid.png?n=257", () -> sampler.grid(GridRequest.newBuilder().setN(257).build()),
                "n must be in 1..256, got 257");
        assertSameMessage("/digits/grid.png?columns=0",
                () -> sampler.grid(GridRequest.newBuilder().setColumns(0).build()), "columns must be in 1..256, got 0");
        assertSameMessage("/digits/grid.png?scale=9", () -> sampler.grid(GridRequest.newBuilder().setScale(9).build()),
                "scale must be in 1..8, got 9");
        assertSameMessage("/digits/grid.png?seed=9007199254740992",
                () -> sampler.grid(GridRequest.newBuilder().setSeed(1L << 53).build()),
                "seed must be in 0..9007199254740991, got 9007199254740992");
        // several bad values: the same one is reported first
        assertSameMessage("/digits/grid.png?scale=9&seed=-1&n=0",
                () -> sampler.grid(GridRequest.newBuilder().setScale(9).setSeed(-1).setN(0).build()),
                "n must be in 1..256, got 0");
        assertSameMessage("/digits/4096.png", () -> sampler.digit(DigitRequest.newBuilder().setIndex(4096).build()),
                "index must be in 0..4095, got 4096");
        assertSameMessage("/digits/3.png?scale=17&seed=-1",
                () -> sampler.digit(DigitRequest.newBuilder().setIndex(3).setScale(17).setSeed(-1).build()),
                "seed must be in 0..9007199254740991, got -1");
        assertSameMessage("/digits?n=65", () -> sampler.pixels(PixelsRequest.newBuilder().setN(65).build()),
                "n must be in 1..64, got 65");
    }

    /** The same 400 message over HTTP as INVALID_ARGUMENT's description over gRPC. */
    static void assertSameMessage(String url, Runnable grpcCall, String message) {
        given().get(url).then().statusCode(400).contentType("application/json").body("code", equalTo(400))
                .body("message", equalTo(message));
        assertThatThrownBy(grpcCall::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).isEqualTo(message);
        });
    }
}

package dev.digitgan.sampler.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.digitgan.sampler.InkColumns;
import dev.digitgan.sampler.grpc.v1.ClassesRequest;
import dev.digitgan.sampler.grpc.v1.DigitRequest;
import dev.digitgan.sampler.grpc.v1.GridRequest;
import dev.digitgan.sampler.grpc.v1.Image;
import dev.digitgan.sampler.grpc.v1.ListModelsRequest;
import dev.digitgan.sampler.grpc.v1.NumberRequest;
import dev.digitgan.sampler.grpc.v1.PixelsReply;
import dev.digitgan.sampler.grpc.v1.PixelsRequest;
import dev.digitgan.sampler.grpc.v1.SamplerGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Digits on request over HTTP and gRPC against the real stack: a conditional checkpoint published as a trainer
 * publishes one draws the digit asked for, writes numbers and draws one row per digit; an unconditional one refuses
 * those with a message that says why. Each test first makes sure the kind of model it needs is served (tests share
 * one application, which follows the newest checkpoint).
 */
@QuarkusTest
@WithTestResource(SamplerStackResource.class)
class ConditionalDigitsApiTest {

    private static final AtomicLong VERSIONS = new AtomicLong();
    private static TrainerStandIn stack;
    private static ManagedChannel channel;
    private static SamplerGrpc.SamplerBlockingStub grpc;

    @BeforeAll
    static void connect() {
        stack = TrainerStandIn.fromConfig();
        int port = AppUnderTest.port();
        channel = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        grpc = SamplerGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    @AfterAll
    static void disconnect() throws InterruptedException {
        stack.close();
        channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void aConditionalModelIsServed() {
        if (!"true".equals(given().queryParam("n", 1).get("/digits/grid.png").header("X-Model-Conditional"))) {
            long version = VERSIONS.incrementAndGet();
            stack.publishConditional("conditional", version);
            CheckpointReloadTest.awaitServed("conditional@" + version);
        }
    }

    static BufferedImage png(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void theDigitAskedForReachesTheImagesAndTheSameRequestGivesTheSameBytes() {
        String version = CheckpointReloadTest.servedVersion();
        Response threes = given().queryParam("n", 8).queryParam("seed", 21).queryParam("digit", 3)
                .get("/digits/grid.png");
        threes.then().statusCode(200).header("X-Model-Conditional", "true").header("X-Seed", "21");
        byte[] sevens = given().queryParam("n", 8).queryParam("seed", 21).queryParam("digit", 7)
                .get("/digits/grid.png").then().statusCode(200).extract().asByteArray();
        byte[] again = given().queryParam("n", 8).queryParam("seed", 21).queryParam("digit", 3)
                .get("/digits/grid.png").asByteArray();
        assertThat(threes.asByteArray()).isNotEqualTo(sevens);
        byte[] three5 = given().queryParam("seed", 21).queryParam("digit", 3).get("/digits/5.png").asByteArray();
        byte[] seven5 = given().queryParam("seed", 21).queryParam("digit", 7).get("/digits/5.png").asByteArray();
        assertThat(three5).isNotEqualTo(seven5);
        given().queryParam("seed", 21).queryParam("digit", 7).get("/digits/digit.png").then().statusCode(200);
        var json = given().queryParam("n", 3).queryParam("seed", 21).queryParam("digit", 7).get("/digits")
                .then().statusCode(200).header("X-Model-Conditional", "true").extract().jsonPath();
        assertThat(json.getList("labels", Integer.class)).containsExactly(7, 7, 7);
        if (version.equals(CheckpointReloadTest.servedVersion())) { // tests share the app: no reload in between
            assertThat(again).isEqualTo(threes.asByteArray());
        }
    }

    @Test
    void number2026IsFourDigitsSetApartAndTheSameSeedWritesItTheSameWay() throws IOException {
        String version = CheckpointReloadTest.servedVersion();
        byte[] first = given().queryParam("value", "2026").queryParam("seed", 8).queryParam("scale", 1)
                .get("/digits/number.png").then().statusCode(200).contentType("image/png")
                .header("X-Seed", "8").extract().asByteArray();
        BufferedImage line = png(first);
        assertThat(line.getHeight()).isEqualTo(28 + 4);
        assertThat(InkColumns.blobs(line)).isEqualTo(4);
        assertThat(png(given().queryParam("value", "2026").queryParam("seed", 8).get("/digits/number.png")
                .asByteArray()).getWidth()).isEqualTo(4 * line.getWidth()); // default scale 4
        byte[] again = given().queryParam("value", "2026").queryParam("seed", 8).queryParam("scale", 1)
                .get("/digits/number.png").asByteArray();
        byte[] otherSeed = given().queryParam("value", "2026").queryParam("seed", 9).queryParam("scale", 1)
                .get("/digits/number.png").asByteArray();
        assertThat(otherSeed).isNotEqualTo(first);
        if (version.equals(CheckpointReloadTest.servedVersion())) {
            assertThat(again).isEqualTo(first);
        }
        Image overGrpc = grpc.number(NumberRequest.newBuilder().setValue("2026").setSeed(8).setScale(1).build());
        assertThat(overGrpc.getModelConditional()).isTrue();
        if (overGrpc.getModelVersion().equals(version)) {
            assertThat(overGrpc.getPng().toByteArray()).isEqualTo(first);
        }
    }

    @Test
    void theClassGridHasOneRowPerDigitOverHttpAndGrpc() throws IOException {
        Response http = given().queryParam("per-class", 4).queryParam("seed", 2).get("/digits/classes.png");
        http.then().statusCode(200).header("X-Model-Conditional", "true");
        BufferedImage grid = png(http.asByteArray());
        assertThat(grid.getWidth()).isEqualTo(4 * (56 + 2) + 2);
        assertThat(grid.getHeight()).isEqualTo(10 * (56 + 2) + 2);
        Image overGrpc = grpc.classes(ClassesRequest.newBuilder().setPerClass(4).setSeed(2).build());
        if (overGrpc.getModelVersion().equals(http.header("X-Model-Version"))) {
            assertThat(overGrpc.getPng().toByteArray()).isEqualTo(http.asByteArray());
        }
    }

    @Test
    void grpcDrawsTheDigitAskedForAndSaysTheModelIsConditional() {
        Image threes = grpc.grid(GridRequest.newBuilder().setN(4).setSeed(3).setDigit(3).build());
        Image sevens = grpc.grid(GridRequest.newBuilder().setN(4).setSeed(3).setDigit(7).build());
        assertThat(threes.getModelConditional()).isTrue();
        assertThat(threes.getPng()).isNotEqualTo(sevens.getPng());
        var http = given().queryParam("n", 4).queryParam("seed", 3).queryParam("digit", 3).get("/digits/grid.png");
        if (http.header("X-Model-Version").equals(threes.getModelVersion())) {
            assertThat(http.asByteArray()).isEqualTo(threes.getPng().toByteArray());
        }
        assertThat(grpc.digit(DigitRequest.newBuilder().setIndex(1).setSeed(3).setDigit(2).build()).getPng())
                .isNotEqualTo(grpc.digit(DigitRequest.newBuilder().setIndex(1).setSeed(3).setDigit(8).build())
                        .getPng());
        PixelsReply pixels = grpc.pixels(PixelsRequest.newBuilder().setN(2).setSeed(3).setDigit(5).build());
        assertThat(pixels.getDigitsList()).allMatch(d -> d.hasLabel() && d.getLabel() == 5);
        var models = grpc.listModels(ListModelsRequest.getDefaultInstance());
        assertThat(models.getServingConditional()).isTrue();
        assertThat(models.getVersionsList()).filteredOn(v -> v.getModelVersion().equals(models.getServing()))
                .singleElement().satisfies(v -> assertThat(v.getClasses()).isEqualTo(10));
        given().get("/models/current").then().statusCode(200).body("conditional", equalTo(true))
                .body("classes", equalTo(10));
    }

    /** Whatever model is served: the parameters are checked first, with one message over HTTP and gRPC. */
    @Test
    void badDigitsLongValuesAndNonDigitsAreA400WithTheSameMessageOverGrpc() {
        GrpcApiTest.assertSameMessage("/digits/grid.png?digit=10",
                () -> grpc.grid(GridRequest.newBuilder().setDigit(10).build()), "digit must be in 0..9, got 10");
        GrpcApiTest.assertSameMessage("/digits/2.png?digit=-1",
                () -> grpc.digit(DigitRequest.newBuilder().setIndex(2).setDigit(-1).build()),
                "digit must be in 0..9, got -1");
        GrpcApiTest.assertSameMessage("/digits?digit=12",
                () -> grpc.pixels(PixelsRequest.newBuilder().setDigit(12).build()), "digit must be in 0..9, got 12");
        String long33 = "1".repeat(33);
        GrpcApiTest.assertSameMessage("/digits/number.png?value=" + long33,
                () -> grpc.number(NumberRequest.newBuilder().setValue(long33).build()),
                "value must be at most 32 digits long, got 33 characters");
        GrpcApiTest.assertSameMessage("/digits/number.png?value=20x6",
                () -> grpc.number(NumberRequest.newBuilder().setValue("20x6").build()),
                "value must be digits 0-9 only, got '20x6'");
        GrpcApiTest.assertSameMessage("/digits/number.png", () -> grpc.number(NumberRequest.getDefaultInstance()),
                "value is required: 1..32 digits 0-9, e.g. value=2026");
        GrpcApiTest.assertSameMessage("/digits/classes.png?per-class=26",
                () -> grpc.classes(ClassesRequest.newBuilder().setPerClass(26).build()),
                "per-class must be in 1..25, got 26");
        given().get("/digits/grid.png?digit=three").then().statusCode(400)
                .body("message", equalTo("digit must be an integer in 0..9, got 'three'"));
    }

    @Test
    void anUnconditionalModelAnswersEveryDigitRequestWithA400ThatSaysSo() {
        long version = VERSIONS.incrementAndGet();
        stack.publishGood("unconditional", version);
        String name = "unconditional@" + version;
        CheckpointReloadTest.awaitServed(name);
        String message = "the served model " + name + " is unconditional";
        for (String url : List.of("/digits/grid.png?digit=3", "/digits/4.png?digit=1", "/digits/digit.png?digit=0",
                "/digits?digit=2", "/digits/number.png?value=2026", "/digits/classes.png")) {
            given().get(url).then().statusCode(400).contentType("application/json").body("code", equalTo(400))
                    .body("message", startsWith(message));
        }
        given().queryParam("n", 4).get("/digits/grid.png").then().statusCode(200)
                .header("X-Model-Conditional", "false");
        given().get("/models/current").then().body("conditional", equalTo(false)).body("classes", equalTo(0));
        for (Runnable call : List.<Runnable>of(
                () -> grpc.grid(GridRequest.newBuilder().setDigit(3).build()),
                () -> grpc.number(NumberRequest.newBuilder().setValue("2026").build()),
                () -> grpc.classes(ClassesRequest.getDefaultInstance()))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                assertThat(e.getStatus().getDescription()).startsWith(message);
            });
        }
        assertThat(grpc.listModels(ListModelsRequest.getDefaultInstance()).getServingConditional()).isFalse();
    }
}

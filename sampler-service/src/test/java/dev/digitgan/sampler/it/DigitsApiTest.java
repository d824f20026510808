package dev.digitgan.sampler.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API's images and numbers, headers, determinism and documentation. */
@QuarkusTest
@WithTestResource(SamplerStackResource.class)
class DigitsApiTest {

    @BeforeAll
    static void aModelIsServed() {
        AppUnderTest.awaitAModel();
    }

    static BufferedImage png(Response response) throws IOException {
        assertThat(response.contentType()).isEqualTo("image/png");
        return ImageIO.read(new ByteArrayInputStream(response.asByteArray()));
    }

    @Test
    void gridIsAPngOfNDigitsNamingModelAndSeed() throws IOException {
        Response r = given().queryParam("n", 10).queryParam("seed", 1234).queryParam("columns", 5)
                .get("/digits/grid.png");
        r.then().statusCode(200).header("X-Model-Version", containsString("@")).header("X-Seed", "1234");
        BufferedImage image = png(r);
        // 5 columns x 2 rows of 28x28 at scale 2 with 2 px padding
        assertThat(image.getWidth()).isEqualTo(5 * (56 + 2) + 2);
        assertThat(image.getHeight()).isEqualTo(2 * (56 + 2) + 2);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
        String version = CheckpointReloadTest.servedVersion();
        byte[] a = given().queryParam("n", 16).queryParam("seed", 99).get("/digits/grid.png").asByteArray();
        byte[] b = given().queryParam("n", 16).queryParam("seed", 99).get("/digits/grid.png").asByteArray();
        byte[] c = given().queryParam("n", 16).queryParam("seed", 100).get("/digits/grid.png").asByteArray();
        if (version.equals(CheckpointReloadTest.servedVersion())) { // no reload in between (tests share the app)
            assertThat(a).isEqualTo(b);
        }
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void withoutASeedOneIsChosenAndReported() {
        Response r = given().queryParam("n", 4).get("/digits/grid.png");
        long seed = Long.parseLong(r.header("X-Seed"));
        assertThat(seed).isBetween(0L, (1L << 53) - 1);
        byte[] again = given().queryParam("n", 4).queryParam("seed", seed).get("/digits/grid.png").asByteArray();
        if (r.header("X-Model-Version").equals(CheckpointReloadTest.servedVersion())) {
            assertThat(again).isEqualTo(r.asByteArray());
        }
    }

    @Test
    void singleDigitsAndTheWalkArePngs() throws IOException {
        BufferedImage digit = png(given().queryParam("seed", 5).get("/digits/3.png").then().statusCode(200)
                .header("X-Seed", "5").extract().response());
        assertThat(digit.getWidth()).isEqualTo(28 * 4);
        assertThat(png(given().queryParam("seed", 5).queryParam("scale", 1).get("/digits/digit.png")).getWidth())
                .isEqualTo(28);
        BufferedImage walk = png(given().queryParam("from", 1).queryParam("to", 2).queryParam("steps", 6)
                .get("/digits/walk.png").then().statusCode(200).header("X-Seed-To", "2").extract().response());
        assertThat(walk.getWidth()).isEqualTo(6 * (56 + 2) + 2);
    }

    @Test
    void pixelsComeAsGreyValues() {
        var json = given().queryParam("n", 3).queryParam("seed", 8).get("/digits").then().statusCode(200)
                .header("X-Model-Version", notNullValue()).body("seed", equalTo(8)).body("width", equalTo(28))
                .extract().jsonPath();
        List<List<Integer>> digits = json.getList("digits");
        assertThat(digits).hasSize(3);
        assertThat(digits.get(0)).hasSize(784).allMatch(v -> v >= 0 && v <= 255);
    }

    @Test
    void outOfBoundNIsAClear400() {
        given().queryParam("n", 257).get("/digits/grid.png").then().statusCode(400)
                .contentType("application/json").body("code", equalTo(400))
                .body("message", equalTo("n must be in 1..256, got 257"));
    }

    @Test
    void openApiAndSwaggerUiAreServed() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/digits/grid.png"))
                .body("paths", org.hamcrest.Matchers.hasKey("/models/policy"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void metricsNameTheModelReloadsImagesAndLatencyHistogram() {
        given().queryParam("n", 2).get("/digits/grid.png").then().statusCode(200);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics)
                .contains("sampler_model_version ")
                .contains("sampler_model_step ")
                .containsPattern("sampler_model_version_info\\{[^}]*run_id=\"[a-z0-9-]+\"[^}]*} 1")
                .containsPattern("sampler_reloads_total\\{result=\"success\"[^}]*} [1-9]")
                .containsPattern("sampler_images_generated_total(\\{[^}]*})? [1-9]")
                .contains("http_server_requests_seconds_bucket");
    }

    @Test
    void healthReportsKafkaS3AndModel() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'model' }.data.kafka", org.hamcrest.Matchers.startsWith("up"))
                        .body("checks.find { it.name == 'model' }.data.s3", org.hamcrest.Matchers.startsWith("up"))
                        .body("checks.find { it.name == 'model' }.data.reason",
                                containsString("caught up with the checkpoint topic")));
        given().get("/q/health/group/dependencies").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.hasItems("kafka", "s3"));
    }
}

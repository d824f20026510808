package dev.digitgan.sampler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web page in a real headless chromium: it shows a grid, the model and a walk, and "More digits"
 * replaces the grid with different images; with a conditional model, a typed number is handwritten and the grid
 * draws the digit chosen. Leaves screenshots in target/web-page.png and target/web-page-conditional.png.
 */
@QuarkusTest
@WithTestResource(SamplerStackResource.class)
class WebPageTest {

    /** The pixels of an image element as a data URL, so two images can be compared by content. */
    private static final String PIXELS = """
            const img = document.getElementById(arguments[0]);
            if (!img || !img.complete || img.naturalWidth === 0) return null;
            const c = document.createElement('canvas');
            c.width = img.naturalWidth; c.height = img.naturalHeight;
            c.getContext('2d').drawImage(img, 0, 0);
            return c.toDataURL('image/png');
            """;

    @BeforeAll
    static void aModelIsServed() {
        AppUnderTest.awaitAModel();
    }

    @Test
    void theGridChangesOnMoreAndThePageShowsTheModelAndAWalk() throws Exception {
        Assumptions.assumeTrue(WebDriverSession.available() || System.getenv("CI") != null,
                "chromium and chromedriver are not installed (scripts/setup-test-deps.sh installs them)");
        Path work = Files.createDirectories(Path.of("target", "web-page-test"));
        Path profile = Files.createTempDirectory(work, "chromium-profile-");
        try (WebDriverSession browser = new WebDriverSession(profile)) {
            browser.open(AppUnderTest.base() + "/");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !browser.script(PIXELS, "grid").isNull() && !browser.script(PIXELS, "walk").isNull());
            String firstGrid = browser.script(PIXELS, "grid").asText();
            String firstSeed = browser.script("return document.getElementById('grid').dataset.seed;").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> browser.script(
                    "return document.getElementById('model-version').textContent;").asText().contains("@"));
            assertThat(browser.script("return document.getElementById('model-progress').textContent;").asText())
                    .matches("epoch \\d+, step \\d+.*");
            assertThat(browser.script("return document.getElementById('walk').naturalWidth;").asInt())
                    .isEqualTo(12 * (56 + 2) + 2);

            browser.click("#more");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                String seed = browser.script("return document.getElementById('grid').dataset.seed;").asText();
                return !seed.equals(firstSeed) && !browser.script(PIXELS, "grid").isNull();
            });
            assertThat(browser.script(PIXELS, "grid").asText()).isNotEqualTo(firstGrid);

            String firstWalk = browser.script(PIXELS, "walk").asText();
            browser.click("#walk-random");
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                var walk = browser.script(PIXELS, "walk");
                return !walk.isNull() && !walk.asText().equals(firstWalk);
            });
            Files.write(Path.of("target", "web-page.png"), browser.screenshot());
        }
    }

    @Test
    void aTypedNumberIsHandwrittenAndTheGridDrawsTheChosenDigit() throws Exception {
        Assumptions.assumeTrue(WebDriverSession.available() || System.getenv("CI") != null,
                "chromium and chromedriver are not installed (scripts/setup-test-deps.sh installs them)");
        // -Dweb-page.checkpoint=<a trained conditional checkpoint> serves that one instead (the docs' screenshot)
        String trained = System.getProperty("web-page.checkpoint");
        String served;
        try (TrainerStandIn stack = TrainerStandIn.fromConfig()) {
            served = (trained == null ? stack.publishConditional("web-page", 1)
                    : stack.publishCheckpoint(Files.readAllBytes(Path.of(trained)))).modelVersion();
        }
        CheckpointReloadTest.awaitServed(served);
        Path work = Files.createDirectories(Path.of("target", "web-page-test"));
        Path profile = Files.createTempDirectory(work, "chromium-profile-");
        try (WebDriverSession browser = new WebDriverSession(profile)) {
            browser.open(AppUnderTest.base() + "/");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "2026".equals(text(browser, "document.getElementById('number').dataset.value"))
                            && !browser.script(PIXELS, "number").isNull());
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    text(browser, "document.getElementById('model-draws').textContent").contains("conditional, 10"));
            // one line of digits at scale 4: 28 px and the rise either side
            assertThat(browser.script("return document.getElementById('number').naturalHeight;").asInt())
                    .isEqualTo(4 * (28 + 4));
            int width2026 = browser.script("return document.getElementById('number').naturalWidth;").asInt();
            String seed = text(browser, "document.getElementById('number').dataset.seed");
            assertThat(samePixels(browser, "number", "/digits/number.png?scale=4&seed=" + seed + "&value=2026"))
                    .isTrue();

            browser.type("#number-value", "7");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "7".equals(text(browser, "document.getElementById('number').dataset.value")));
            assertThat(browser.script("return document.getElementById('number').naturalWidth;").asInt())
                    .isLessThan(width2026 / 2);

            browser.type("#number-value", "12a");
            await().atMost(Duration.ofSeconds(30)).until(() -> !browser.script(
                    "return document.getElementById('number-error').hidden;").asBoolean());
            assertThat(text(browser, "document.getElementById('number-error').textContent"))
                    .isEqualTo("value must be digits 0-9 only, got '12a'");
            browser.type("#number-value", "314159");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "314159".equals(text(browser, "document.getElementById('number').dataset.value"))
                            && browser.script("return document.getElementById('number-error').hidden;").asBoolean());

            browser.select("#grid-digit", "3");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "3".equals(text(browser, "document.getElementById('grid').dataset.digit")));
            String gridSeed = text(browser, "document.getElementById('grid').dataset.seed");
            assertThat(samePixels(browser, "grid", "/digits/grid.png?n=64&columns=8&digit=3&seed=" + gridSeed))
                    .isTrue();
            Files.write(Path.of("target", "web-page-conditional.png"), browser.screenshot());
        }
    }

    private static String text(WebDriverSession browser, String expression) throws Exception {
        return browser.script("return " + expression + " || '';").asText();
    }

    /** Whether the image element shows the pixels the sampler serves at {@code url} (the page re-encodes). */
    private static boolean samePixels(WebDriverSession browser, String id, String url) throws Exception {
        String dataUrl = browser.script(PIXELS, id).asText();
        BufferedImage shown = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1))));
        BufferedImage served = ImageIO.read(new ByteArrayInputStream(
                io.restassured.RestAssured.given().get(url).then().statusCode(200).extract().asByteArray()));
        if (shown.getWidth() != served.getWidth() || shown.getHeight() != served.getHeight()) {
            return false;
        }
        for (int y = 0; y < served.getHeight(); y++) {
            for (int x = 0; x < served.getWidth(); x++) {
                // canvas pixels are RGBA: compare the red channel with the grey
                if (((shown.getRGB(x, y) >> 16) & 0xff) != served.getRaster().getSample(x, y, 0)) {
                    return false;
                }
            }
        }
        return true;
    }
}

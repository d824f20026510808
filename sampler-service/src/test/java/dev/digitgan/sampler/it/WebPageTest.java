package dev.digitgan.sampler.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web page in a real headless chromium: it shows a grid, the model and a walk, and "More digits"
 * replaces the grid with different images. Leaves a screenshot in target/web-page.png.
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
}

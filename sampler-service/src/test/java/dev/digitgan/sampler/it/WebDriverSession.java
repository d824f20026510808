package dev.digitgan.sampler.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.digitgan.stack.ChildProcess;
import dev.digitgan.stack.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A real headless Debian chromium driven through chromedriver's W3C WebDriver protocol (plain HTTP and
 * JSON, so no Selenium dependency tree to reconcile with Quarkus's). Starts chromedriver on a free
 * port with a new profile folder, and stops both on close.
 */
final class WebDriverSession implements AutoCloseable {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final String ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ChildProcess driver;
    private final String base;
    private final String session;

    static boolean available() {
        return Files.isExecutable(Path.of(CHROMIUM)) && Files.isExecutable(Path.of(CHROMEDRIVER));
    }

    WebDriverSession(Path profileDir) throws IOException, InterruptedException {
        int port = Ports.free();
        driver = ChildProcess.start("chromedriver", List.of(CHROMEDRIVER, "--port=" + port), Map.of(),
                profileDir.getParent(), profileDir.resolveSibling("chromedriver.log"), Duration.ofSeconds(10));
        base = "http://" + Ports.HOST + ":" + port;
        try {
            await("chromedriver ready on port " + port).atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        driver.requireAlive();
                        return call("GET", "/status", null).path("value").path("ready").asBoolean();
                    });
        } catch (RuntimeException e) {
            driver.close();
            throw e;
        }
        Map<String, Object> options = Map.of("binary", CHROMIUM, "args", List.of("--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1100,1400",
                "--user-data-dir=" + profileDir.toAbsolutePath()));
        JsonNode created = call("POST", "/session", Map.of("capabilities",
                Map.of("alwaysMatch", Map.of("browserName", "chrome", "goog:chromeOptions", options))));
        session = created.path("value").path("sessionId").asText();
        if (session.isEmpty()) {
            close();
            throw new IOException("chromedriver refused the session: " + created);
        }
    }

    void open(String url) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/url", Map.of("url", url));
    }

    /** Runs {@code script} (a function body) in the page and returns its JSON result. */
    JsonNode script(String script, Object... args) throws IOException, InterruptedException {
        return call("POST", "/session/" + session + "/execute/sync", Map.of("script", script, "args", List.of(args)))
                .path("value");
    }

    void click(String cssSelector) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/element/" + element(cssSelector) + "/click", Map.of());
    }

    /** Empties a text field and types {@code text} into it key by key, as a user would. */
    void type(String cssSelector, String text) throws IOException, InterruptedException {
        String id = element(cssSelector);
        call("POST", "/session/" + session + "/element/" + id + "/clear", Map.of());
        call("POST", "/session/" + session + "/element/" + id + "/value", Map.of("text", text));
    }

    /** Chooses the option with this visible text in a select element (clicking it, without opening the list). */
    void select(String cssSelector, String option) throws IOException, InterruptedException {
        JsonNode options = call("POST", "/session/" + session + "/element/" + element(cssSelector) + "/elements",
                Map.of("using", "css selector", "value", "option")).path("value");
        for (JsonNode o : options) {
            String id = o.path(ELEMENT_KEY).asText();
            if (option.equals(call("GET", "/session/" + session + "/element/" + id + "/text", null).path("value")
                    .asText())) {
                call("POST", "/session/" + session + "/element/" + id + "/click", Map.of());
                return;
            }
        }
        throw new IOException("no option '" + option + "' in " + cssSelector);
    }

    private String element(String cssSelector) throws IOException, InterruptedException {
        JsonNode element = call("POST", "/session/" + session + "/element",
                Map.of("using", "css selector", "value", cssSelector)).path("value");
        String id = element.path(ELEMENT_KEY).asText();
        if (id.isEmpty()) {
            throw new IOException("no element " + cssSelector + ": " + element);
        }
        return id;
    }

    byte[] screenshot() throws IOException, InterruptedException {
        return Base64.getDecoder()
                .decode(call("GET", "/session/" + session + "/screenshot", null).path("value").asText());
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode node = json.readTree(response.body());
        if (response.statusCode() >= 400) {
            throw new IOException("WebDriver " + method + " " + path + " -> " + response.statusCode() + ": " + node);
        }
        return node;
    }

    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the browser may already be gone; chromedriver is stopped below either way
        } finally {
            driver.close();
        }
    }
}

package dev.digitgan.sampler.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;

/** The running application's address, usable from static set-up (RestAssured is configured per test only). */
final class AppUnderTest {

    private AppUnderTest() {
    }

    static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
    }

    static String base() {
        return "http://localhost:" + port();
    }

    /** Waits until some model answers (the catch-up checkpoints arrive within seconds of start). */
    static void awaitAModel() {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/digits/grid.png?n=1")).build();
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }
}

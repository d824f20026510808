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

    /**
     * Polls {@code probe} as fast as it answers until a response names {@code version} (X-Model-Version), for at most
     * {@code limit} from {@code startNanos}: for timing a reload, so no back-off between polls.
     */
    static void awaitVersionNamed(HttpClient client, HttpRequest probe, String version, long startNanos,
            Duration limit) throws Exception {
        while (true) {
            HttpResponse<Void> r = client.send(probe, HttpResponse.BodyHandlers.discarding());
            if (version.equals(r.headers().firstValue("X-Model-Version").orElse(""))) {
                return;
            }
            if (System.nanoTime() - startNanos > limit.toNanos()) {
                throw new AssertionError(version + " not served within " + limit);
            }
            Thread.sleep(2);
        }
    }
}

package dev.digitgan.sampler.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A thousand generated malformed or hostile requests: every one gets a 4xx with a message, none a 5xx.
 * Sent with the JDK client, and huge bodies over a raw socket (see {@link RawHttp}), so that raw,
 * unencoded and oversized requests reach the server as sent.
 */
@QuarkusTest
@WithTestResource(SamplerStackResource.class)
class HostileRequestsTest {

    static final int REQUESTS = 1000;
    /** Invalid for every parameter (an empty value counts as absent, so it is not here). */
    private static final String[] BAD_ANYWHERE = {"-1", "99999999999999999999999999", "9223372036854775808",
            "-9223372036854775809", "abc", "1e3", "1.5", "0x10", "NaN", "Infinity", "%20", "%00", "1%0a2",
            "%27%20OR%201%3D1", "%3Cscript%3E", "%E2%88%9E", "%F0%9F%98%80", "+", "--1", "1,2", "%5B1%5D", "%7B%7D",
            "null", "true", "-5000000000"};
    /** Valid seeds but out of range for every count (n, columns, scale, steps); indices are handled apart. */
    private static final String[] BAD_COUNTS = {"0", "-0", "100000", "2147483648", "9007199254740992"};
    /** Valid counts but not valid seeds. */
    private static final String[] BAD_SEEDS = {"9007199254740992", "-42", "18446744073709551616"};
    private static final String[] PATHS = {"/digits/grid.png?n=%s", "/digits/grid.png?seed=%s",
            "/digits/grid.png?columns=%s", "/digits/grid.png?scale=%s", "/digits/%s.png", "/digits/digit.png?seed=%s",
            "/digits?n=%s", "/digits?seed=%s", "/digits/walk.png?from=%s", "/digits/walk.png?to=%s",
            "/digits/walk.png?steps=%s", "/digits/3.png?scale=%s", "/digits/3.png?seed=%s"};
    /** Targets longer than this get a client of their own: the server refuses them (414) and closes the connection. */
    private static final int OVERSIZED = 1000;

    /** One generated request. */
    record Hostile(String method, String target, Map<String, String> headers, byte[] body) {
        boolean longTarget() {
            return target.length() > OVERSIZED;
        }

        boolean bigBody() {
            return body.length > 60_000;
        }

        @Override
        public String toString() {
            String bodyText = new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8);
            return method + " " + abbreviate(target) + " " + headers
                    + (body.length == 0 ? "" : " body[" + body.length + "] " + bodyText);
        }
    }

    private static HttpClient client;
    private static int port;

    @BeforeAll
    static void setUp() {
        client = newClient();
        port = AppUnderTest.port();
        AppUnderTest.awaitAModel();
    }

    @Test
    void aThousandHostileRequestsGet4xxWithAMessageAndNever5xx() throws Exception {
        Random random = new Random(20260101);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            Hostile request = hostile(random, i);
            int status;
            String body;
            try {
                if (request.bigBody()) {
                    RawHttp.Response r = RawHttp.send(port, request.method(), request.target(), request.headers(),
                            request.body());
                    status = r.status();
                    body = r.body();
                } else {
                    // The server closes the connection after refusing a long request line (414): a client of its own
                    // keeps the shared client's pool off that connection.
                    HttpClient sender = request.longTarget() ? newClient() : client;
                    HttpResponse<String> r = sender.send(toJdk(request),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    status = r.statusCode();
                    body = r.body();
                }
            } catch (IOException e) {
                failures.add("no response to " + request + ": " + e);
                continue;
            }
            statuses.merge(status, 1, Integer::sum);
            boolean is4xx = status >= 400 && status < 500;
            // 413/414/431 come from the HTTP layer before any application code; their status line is the message.
            boolean hasMessage = !body.isBlank() || List.of(413, 414, 431).contains(status);
            if (!is4xx || !hasMessage) {
                failures.add(status + " " + request + " -> " + abbreviate(body));
            }
        }
        System.out.println("hostile requests: " + REQUESTS + ", statuses " + statuses);
        assertThat(failures).as("requests without a 4xx and a message").isEmpty();
        assertThat(statuses.keySet()).allMatch(s -> s >= 400 && s < 500);
    }

    private Hostile hostile(Random random, int i) {
        String bad = BAD_ANYWHERE[random.nextInt(BAD_ANYWHERE.length)];
        switch (i % 10) {
            case 0, 1, 2, 3, 4: { // a bad value in one parameter of a read endpoint
                String path = PATHS[random.nextInt(PATHS.length)];
                boolean seedParam = path.matches(".*[?](seed|from|to)=%s");
                if (random.nextInt(3) == 0) { // a value bad only for this kind of parameter
                    String[] specific = seedParam ? BAD_SEEDS : BAD_COUNTS;
                    bad = specific[random.nextInt(specific.length)];
                }
                if (path.startsWith("/digits/%s") && bad.matches("-?0")) {
                    bad = "4096"; // 0 is a valid digit index; 4096 is one past the last
                }
                return get(String.format(path, bad));
            }
            case 5: // a very long path or query
                return get(random.nextBoolean() ? "/digits/" + "9".repeat(2000 + random.nextInt(20000)) + ".png"
                        : "/digits/grid.png?n=" + "1".repeat(5000 + random.nextInt(5000)));
            case 6: { // a body where none belongs, or a huge one
                int size = random.nextBoolean() ? 100 : 200_000 + random.nextInt(500_000);
                return new Hostile(random.nextBoolean() ? "POST" : "PUT", "/digits/grid.png?n=" + bad,
                        Map.of("Content-Type", "text/plain"), "x".repeat(size).getBytes(StandardCharsets.UTF_8));
            }
            case 7: { // policy changes without login, with a wrong login, or with junk bodies
                Map<String, String> headers = new LinkedHashMap<>();
                headers.put("Content-Type", "application/json");
                int kind = random.nextInt(4);
                if (kind == 1) {
                    headers.put("Authorization", "Basic " + base64("admin:admin"));
                } else if (kind == 2) {
                    headers.put("Authorization", "Basic !!!not-base64" + bad);
                } else if (kind == 3) {
                    headers.put("Authorization", "Basic " + base64("test-admin:test-only-password"));
                }
                String[] bodies = {"{\"mode\":\"" + bad + "\"}", "{", "[]", "null", "\"latest\"",
                        "{\"mode\":\"pinned\",\"version\":\"" + bad + "\"}",
                        "{\"mode\":\"pinned\",\"version\":\"" + "x".repeat(10_000) + "\"}",
                        "{\"mode\":\"rollback\",\"version\":\"a@1\"}",
                        "{\"mode\":\"pinned\",\"version\":\"nope@" + random.nextInt(1000) + "\"}",
                        "x".repeat(100_000), "{\"mode\":1}", "{\"mode\":{\"a\":[]}}"};
                return new Hostile("PUT", "/models/policy", headers,
                        bodies[random.nextInt(bodies.length)].getBytes(StandardCharsets.UTF_8));
            }
            case 8: { // unknown paths, traversal, odd encodings
                String[] odd = {"/digits/../../etc/passwd", "/digits/%2e%2e%2fetc", "/nope", "/digits/grid.gif",
                        "/digits/1.png/extra", "/models/" + bad, "/digits/grid.png;jsessionid=1?n=" + bad, "/%ff%fe",
                        "/digits/%00.png"};
                return get(odd[random.nextInt(odd.length)]);
            }
            default: // methods that do not exist here
                return new Hostile(random.nextBoolean() ? "DELETE" : "PATCH",
                        random.nextBoolean() ? "/models" : "/digits/grid.png", Map.of(), new byte[0]);
        }
    }

    private static HttpClient newClient() {
        // HTTP/1.1 as curl and browsers send it; the JDK default would try an h2c upgrade on every request.
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    private static Hostile get(String target) {
        return new Hostile("GET", target, Map.of(), new byte[0]);
    }

    private static HttpRequest toJdk(Hostile h) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + h.target()))
                .timeout(Duration.ofSeconds(30))
                .method(h.method(), h.body().length == 0 && h.method().equals("GET")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(h.body()));
        h.headers().forEach(b::header);
        return b.build();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String abbreviate(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    @Test
    void aValidRequestAfterTheOnslaughtStillWorks() throws IOException, InterruptedException {
        HttpResponse<byte[]> ok = client.send(toJdk(get("/digits/grid.png?n=4&seed=1")),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(ok.statusCode()).isEqualTo(200);
    }
}

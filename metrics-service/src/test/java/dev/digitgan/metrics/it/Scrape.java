package dev.digitgan.metrics.it;

import static io.restassured.RestAssured.given;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one sample of the service's Prometheus exposition ({@code /q/metrics}), as Prometheus would. */
public final class Scrape {

    private Scrape() {
    }

    public static String text() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of {@code name{run_id="runId"}}, empty when the series is absent. */
    public static OptionalDouble value(String name, String runId) {
        return value(text(), name, "run_id=\"" + runId + "\"");
    }

    public static OptionalDouble value(String exposition, String name, String labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(exposition);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                String v = m.group(2);
                return OptionalDouble.of(v.equals("NaN") ? Double.NaN : Double.parseDouble(v));
            }
        }
        return OptionalDouble.empty();
    }
}

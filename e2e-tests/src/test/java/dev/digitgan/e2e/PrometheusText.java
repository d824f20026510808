package dev.digitgan.e2e;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One scrape of a Prometheus text exposition ({@code /q/metrics}), read just enough to find a sample by metric
 * name and one label.
 */
record PrometheusText(String body) {

    /**
     * The value of {@code name{...label="value"...}}, whatever other labels the sample has.
     *
     * @throws IllegalArgumentException if the sample is there but its value is not a number
     */
    Optional<Double> sample(String name, String label, String value) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\}\\s+(\\S+)", Pattern.MULTILINE);
        String wanted = label + "=\"" + value + "\"";
        Matcher m = line.matcher(body);
        while (m.find()) {
            if (m.group(1).contains(wanted)) {
                String number = m.group(2);
                try {
                    return Optional.of(Double.parseDouble(number));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + "{" + m.group(1) + "} has the value '" + number
                            + "', not a number", e);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every sample whose metric name starts with {@code prefix} and whose labels include {@code label="value"}, as
     * {@code name{labels}} to the value as written (so that two scrapes compare exactly, NaN included).
     */
    SortedMap<String, String> series(String prefix, String label, String value) {
        Pattern line = Pattern.compile("^(" + Pattern.quote(prefix) + "\\w*)\\{([^}]*)\\}\\s+(\\S+)",
                Pattern.MULTILINE);
        String wanted = label + "=\"" + value + "\"";
        SortedMap<String, String> found = new TreeMap<>();
        Matcher m = line.matcher(body);
        while (m.find()) {
            if (m.group(2).contains(wanted)) {
                found.put(m.group(1) + "{" + m.group(2) + "}", m.group(3));
            }
        }
        return found;
    }
}

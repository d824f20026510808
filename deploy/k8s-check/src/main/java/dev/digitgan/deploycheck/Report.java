package dev.digitgan.deploycheck;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outcome of checking one rendered overlay: schema violations, then each requirement's violations. */
public record Report(Overlay overlay, int objects, List<Violation> schemaViolations,
        Map<String, List<Violation>> requirements) {

    public Report {
        schemaViolations = List.copyOf(schemaViolations);
        requirements = new LinkedHashMap<>(requirements);
    }

    public boolean passed() {
        return schemaViolations.isEmpty() && requirements.values().stream().allMatch(List::isEmpty);
    }

    /** Every violation, schema first. */
    public List<Violation> violations() {
        return java.util.stream.Stream.concat(schemaViolations.stream(),
                        requirements.values().stream().flatMap(List::stream))
                .toList();
    }

    public void print(PrintStream out) {
        String prefix = "k8s-check " + overlay + ": ";
        out.println(prefix + objects + " objects, schema of the Kubernetes API models (io.kubernetes:client-java)");
        line(out, "every object matches its Kubernetes API schema", schemaViolations);
        requirements.forEach((title, violations) -> line(out, title, violations));
        long met = requirements.values().stream().filter(List::isEmpty).count();
        out.println(prefix
                + (schemaViolations.isEmpty() ? "schema OK" : schemaViolations.size() + " schema violation(s)")
                + ", " + met + " of " + requirements.size() + " requirements met");
    }

    private static void line(PrintStream out, String title, List<Violation> violations) {
        out.println("  " + (violations.isEmpty() ? "ok    " : "FAIL  ") + title);
        violations.forEach(v -> out.println("          - " + v));
    }
}

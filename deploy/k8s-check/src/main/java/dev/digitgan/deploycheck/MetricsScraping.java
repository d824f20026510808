package dev.digitgan.deploycheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The services' pods carry the annotations the Kubernetes Prometheus configuration keeps: scrape, path, port. */
final class MetricsScraping implements Requirement {

    @Override
    public String title() {
        return "Prometheus scrape annotations on the services (/q/metrics)";
    }

    @Override
    public List<Violation> check(Rendered rendered) {
        List<Violation> violations = new ArrayList<>();
        for (AppService service : AppService.values()) {
            Optional<Workload> workload = rendered.workload(service.appName);
            if (workload.isEmpty()) {
                violations.add(new Violation(service.appName, "no workload to scrape"));
                continue;
            }
            Map<String, String> annotations = workload.get().podAnnotations();
            String where = workload.get().describe() + " pod template";
            expect(where, annotations, "prometheus.io/scrape", "true", violations);
            expect(where, annotations, "prometheus.io/path", "/q/metrics", violations);
            expect(where, annotations, "prometheus.io/port", Integer.toString(service.port), violations);
        }
        return violations;
    }

    private static void expect(String where, Map<String, String> annotations, String key, String value,
            List<Violation> violations) {
        if (!value.equals(annotations.get(key))) {
            violations.add(new Violation(where,
                    "annotation " + key + " is " + annotations.get(key) + ", expected \"" + value + "\""));
        }
    }
}

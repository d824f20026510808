package dev.digitgan.deploycheck;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Readiness and liveness probes on every long-running container; on the three services they are
 * HTTP probes of the Quarkus health endpoints /q/health/ready and /q/health/live on the service port.
 */
final class HealthProbes implements Requirement {

    @Override
    public String title() {
        return "readiness and liveness probes (services: /q/health/ready, /q/health/live)";
    }

    @Override
    public List<Violation> check(Rendered rendered) {
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : rendered.workloads()) {
            if (!workload.longRunning()) {
                continue;
            }
            for (V1Container container : workload.containers()) {
                String where = workload.describe() + " container " + container.getName();
                if (container.getReadinessProbe() == null) {
                    violations.add(new Violation(where, "no readinessProbe"));
                }
                if (container.getLivenessProbe() == null) {
                    violations.add(new Violation(where, "no livenessProbe"));
                }
            }
        }
        for (AppService service : AppService.values()) {
            Optional<Workload> workload = rendered.workload(service.appName);
            if (workload.isEmpty()) {
                violations.add(new Violation(service.appName,
                        "no workload runs pods labelled " + Rendered.NAME_LABEL + "=" + service.appName));
                continue;
            }
            Optional<V1Container> container = service.container(workload.get());
            if (container.isEmpty()) {
                violations.add(new Violation(workload.get().describe(), "no container declares port " + service.port));
                continue;
            }
            String where = workload.get().describe() + " container " + container.get().getName();
            expectHttp(where, "readinessProbe", container.get().getReadinessProbe(), "/q/health/ready", container.get(),
                    service.port, violations);
            expectHttp(where, "livenessProbe", container.get().getLivenessProbe(), "/q/health/live", container.get(),
                    service.port, violations);
        }
        return violations;
    }

    private static void expectHttp(String where, String which, V1Probe probe, String path, V1Container container,
            int port, List<Violation> violations) {
        if (probe == null) {
            return; // reported above
        }
        if (probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())) {
            violations.add(new Violation(where, which + " is not an HTTP GET of " + path));
        } else if (!AppService.designates(probe.getHttpGet().getPort(), container, port)) {
            violations.add(new Violation(where, which + " does not probe port " + port));
        }
    }
}

package dev.digitgan.deploycheck;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscalerSpec;
import io.kubernetes.client.openapi.models.V2MetricSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A HorizontalPodAutoscaler scales the sampler's Deployment between at least two replicas and more;
 * a utilisation target needs a request for that resource on every container, or the HPA cannot compute it.
 */
final class SamplerAutoscaling implements Requirement {

    @Override
    public String title() {
        return "HorizontalPodAutoscaler for the sampler (at least 2 replicas)";
    }

    @Override
    public List<Violation> check(Rendered rendered) {
        List<Violation> violations = new ArrayList<>();
        Optional<Workload> sampler = rendered.workload(AppService.SAMPLER.appName);
        if (sampler.isEmpty() || !"Deployment".equals(sampler.get().kind())) {
            violations.add(new Violation(AppService.SAMPLER.appName, "expected a Deployment to autoscale"));
            return violations;
        }
        List<V2HorizontalPodAutoscaler> targeting = rendered.all(V2HorizontalPodAutoscaler.class).stream()
                .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
                        && sampler.get().name().equals(h.getSpec().getScaleTargetRef().getName()))
                .toList();
        if (targeting.size() != 1) {
            violations.add(new Violation(sampler.get().describe(),
                    targeting.size() + " HorizontalPodAutoscalers target it, expected 1"));
            return violations;
        }
        V2HorizontalPodAutoscaler hpa = targeting.get(0);
        String where = "HorizontalPodAutoscaler/" + hpa.getMetadata().getName();
        V2HorizontalPodAutoscalerSpec spec = hpa.getSpec();
        int min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
        if (min < 2) {
            violations.add(new Violation(where, "minReplicas " + min + ": several samplers must serve at all times"));
        }
        if (spec.getMaxReplicas() <= min) {
            violations.add(new Violation(where, "maxReplicas " + spec.getMaxReplicas()
                    + " leaves nothing to scale above minReplicas " + min));
        }
        if (spec.getMetrics() == null || spec.getMetrics().isEmpty()) {
            violations.add(new Violation(where, "no metrics (the API's default CPU target is implicit; state it)"));
            return violations;
        }
        for (V2MetricSpec metric : spec.getMetrics()) {
            if (metric.getResource() != null && metric.getResource().getTarget() != null
                    && "Utilization".equals(metric.getResource().getTarget().getType())) {
                String resource = metric.getResource().getName();
                for (V1Container container : sampler.get().containers()) {
                    if (container.getResources() == null || container.getResources().getRequests() == null
                            || container.getResources().getRequests().get(resource) == null) {
                        violations.add(new Violation(sampler.get().describe() + " container " + container.getName(),
                                "no " + resource + " request, which the HPA's utilisation target needs"));
                    }
                }
            }
        }
        return violations;
    }
}

package dev.digitgan.deploycheck;

import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Toleration;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * gpu overlay: the trainer requests exactly one nvidia.com/gpu and tolerates the GPU taint, and
 * nothing else asks for a GPU. cpu overlay: nothing requests a GPU or tolerates the GPU taint.
 */
final class GpuPlacement implements Requirement {

    static final String GPU = "nvidia.com/gpu";

    private final Overlay overlay;

    GpuPlacement(Overlay overlay) {
        this.overlay = overlay;
    }

    @Override
    public String title() {
        return overlay == Overlay.GPU
                ? "trainer requests nvidia.com/gpu: 1 and tolerates GPU nodes; nothing else does"
                : "no GPU requests or GPU tolerations";
    }

    @Override
    public List<Violation> check(Rendered rendered) {
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : rendered.workloads()) {
            boolean trainer = workload.appName().filter(AppService.TRAINER.appName::equals).isPresent();
            boolean gpuExpected = overlay == Overlay.GPU && trainer;
            boolean tolerates = tolerations(workload).stream().anyMatch(t -> GPU.equals(t.getKey()));
            if (gpuExpected && !tolerates) {
                violations.add(new Violation(workload.describe(), "does not tolerate the taint " + GPU));
            }
            if (!gpuExpected && tolerates) {
                violations.add(new Violation(workload.describe(), "tolerates the taint " + GPU + " but needs no GPU"));
            }
            for (V1Container container : workload.allContainers()) {
                String where = workload.describe() + " container " + container.getName();
                Optional<BigDecimal> limit =
                        gpus(container.getResources() == null ? null : container.getResources().getLimits());
                Optional<BigDecimal> request =
                        gpus(container.getResources() == null ? null : container.getResources().getRequests());
                boolean mainContainer = workload.containers().indexOf(container) == 0;
                if (gpuExpected && mainContainer) {
                    if (limit.isEmpty() || limit.get().compareTo(BigDecimal.ONE) != 0) {
                        violations.add(new Violation(where, "limits." + GPU + " is "
                                + limit.map(BigDecimal::toPlainString).orElse("absent") + ", expected 1"));
                    }
                    if (request.isPresent() && !request.equals(limit)) {
                        violations.add(new Violation(where, "requests." + GPU + " differs from its limit"));
                    }
                } else if (limit.isPresent() || request.isPresent()) {
                    violations.add(new Violation(where,
                            "asks for " + GPU + (overlay == Overlay.CPU ? " in the cpu overlay" : "")));
                }
            }
            if (overlay == Overlay.CPU && trainer && workload.containers().stream()
                    .anyMatch(c -> c.getImage() != null && c.getImage().contains("-cuda"))) {
                violations.add(new Violation(workload.describe(), "runs the CUDA image in the cpu overlay"));
            }
        }
        if (overlay == Overlay.GPU && rendered.workload(AppService.TRAINER.appName).isEmpty()) {
            violations.add(new Violation(AppService.TRAINER.appName, "no trainer workload"));
        }
        return violations;
    }

    private static List<V1Toleration> tolerations(Workload workload) {
        return workload.podSpec().getTolerations() == null ? List.of() : workload.podSpec().getTolerations();
    }

    private static Optional<BigDecimal> gpus(Map<String, Quantity> quantities) {
        return quantities == null || quantities.get(GPU) == null
                ? Optional.empty()
                : Optional.of(quantities.get(GPU).getNumber());
    }
}

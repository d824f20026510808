package dev.digitgan.deploycheck;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PodSecurityContext;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every container of every workload: non-root, read-only root filesystem, no privilege escalation,
 * all capabilities dropped, a RuntimeDefault (or Localhost) seccomp profile — what the "restricted"
 * Pod Security Standard demands plus the read-only root — and CPU and memory requests and limits.
 */
final class PodHardening implements Requirement {

    private static final Set<String> SECCOMP_TYPES = Set.of("RuntimeDefault", "Localhost");

    @Override
    public String title() {
        return "non-root, read-only root filesystem, no privilege escalation, capabilities dropped, seccomp,"
                + " requests and limits";
    }

    @Override
    public List<Violation> check(Rendered rendered) {
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : rendered.workloads()) {
            V1PodSpec pod = workload.podSpec();
            if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                    || Boolean.TRUE.equals(pod.getHostIPC())) {
                violations.add(new Violation(workload.describe(),
                        "shares a host namespace (hostNetwork/hostPID/hostIPC)"));
            }
            V1PodSecurityContext podContext =
                    pod.getSecurityContext() == null ? new V1PodSecurityContext() : pod.getSecurityContext();
            for (V1Container container : workload.allContainers()) {
                String where = workload.describe() + " container " + container.getName();
                check(where, podContext, container, violations);
            }
        }
        return violations;
    }

    private static void check(String where, V1PodSecurityContext pod, V1Container container,
            List<Violation> violations) {
        V1SecurityContext own =
                container.getSecurityContext() == null ? new V1SecurityContext() : container.getSecurityContext();
        Boolean nonRoot = own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : pod.getRunAsNonRoot();
        Long user = own.getRunAsUser() != null ? own.getRunAsUser() : pod.getRunAsUser();
        if (!Boolean.TRUE.equals(nonRoot)) {
            violations.add(new Violation(where, "runAsNonRoot is not true (container or pod securityContext)"));
        }
        if (user != null && user == 0L) {
            violations.add(new Violation(where, "runAsUser is 0 (root)"));
        }
        if (!Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
            violations.add(new Violation(where, "securityContext.readOnlyRootFilesystem is not true"));
        }
        if (!Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
            violations.add(new Violation(where, "securityContext.allowPrivilegeEscalation is not false"));
        }
        if (Boolean.TRUE.equals(own.getPrivileged())) {
            violations.add(new Violation(where, "runs privileged"));
        }
        if (own.getCapabilities() == null || own.getCapabilities().getDrop() == null
                || !own.getCapabilities().getDrop().contains("ALL")) {
            violations.add(new Violation(where, "does not drop ALL capabilities"));
        }
        String seccomp = own.getSeccompProfile() != null ? own.getSeccompProfile().getType()
                : pod.getSeccompProfile() != null ? pod.getSeccompProfile().getType() : null;
        if (!SECCOMP_TYPES.contains(seccomp)) {
            violations.add(new Violation(where, "no RuntimeDefault or Localhost seccomp profile"));
        }
        V1ResourceRequirements resources = container.getResources();
        for (String resource : List.of("cpu", "memory")) {
            if (resources == null || !has(resources.getRequests(), resource)) {
                violations.add(new Violation(where, "no " + resource + " request"));
            }
            if (resources == null || !has(resources.getLimits(), resource)) {
                violations.add(new Violation(where, "no " + resource + " limit"));
            }
        }
    }

    private static boolean has(Map<String, ?> quantities, String resource) {
        return quantities != null && quantities.get(resource) != null;
    }
}

package dev.digitgan.deploycheck;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1NetworkPolicyIngressRule;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPeer;
import io.kubernetes.client.openapi.models.V1NetworkPolicyPort;
import io.kubernetes.client.openapi.models.V1NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * NetworkPolicies evaluated against the rendered workloads: a default deny for ingress; Kafka and
 * MinIO admit only the services that use them (plus their own setup Jobs and, for Kafka, itself),
 * and admit each of those; Prometheus reaches the services' metrics ports; Grafana reaches Prometheus.
 */
final class NetworkIsolation implements Requirement {

    private static final String PROMETHEUS = "prometheus";
    private static final String GRAFANA = "grafana";

    /** A server pod, who may reach it, and who must. */
    private record Server(String appName, Set<String> allowed, Set<String> required) {
    }

    private static final List<Server> ISOLATED = List.of(
            new Server("kafka",
                    Set.of("trainer-service", "sampler-service", "metrics-service", "kafka-topics", "kafka"),
                    Set.of("trainer-service", "sampler-service", "metrics-service")),
            new Server("minio",
                    Set.of("trainer-service", "sampler-service", "minio-setup"),
                    Set.of("trainer-service", "sampler-service")));

    @Override
    public String title() {
        return "NetworkPolicies: default deny; only the services reach Kafka and MinIO;"
                + " Prometheus -> services; Grafana -> Prometheus";
    }

    @Override
    public List<Violation> check(Rendered rendered) {
        List<Violation> violations = new ArrayList<>();
        List<V1NetworkPolicy> policies = rendered.all(V1NetworkPolicy.class);
        boolean defaultDeny = policies.stream().map(V1NetworkPolicy::getSpec).anyMatch(spec ->
                isEmpty(spec.getPodSelector()) && restrictsIngress(spec)
                        && (spec.getIngress() == null || spec.getIngress().isEmpty()));
        if (!defaultDeny) {
            violations.add(new Violation("NetworkPolicy",
                    "no default-deny policy (empty podSelector, Ingress, no rules)"));
        }
        for (Server server : ISOLATED) {
            checkIsolated(rendered, policies, server, violations);
        }
        for (AppService service : AppService.values()) {
            rendered.workload(service.appName).ifPresent(target ->
                    expectReachable(rendered, policies, PROMETHEUS, target, service.port, violations));
        }
        rendered.workload(PROMETHEUS).ifPresentOrElse(
                target -> expectReachable(rendered, policies, GRAFANA, target, 9090, violations),
                () -> violations.add(new Violation(PROMETHEUS, "no Prometheus workload")));
        return violations;
    }

    private static void checkIsolated(Rendered rendered, List<V1NetworkPolicy> policies, Server server,
            List<Violation> violations) {
        Optional<Workload> target = rendered.workload(server.appName());
        if (target.isEmpty()) {
            violations.add(new Violation(server.appName(),
                    "no workload runs pods labelled " + Rendered.NAME_LABEL + "=" + server.appName()));
            return;
        }
        List<V1NetworkPolicy> selecting = selecting(policies, target.get());
        if (selecting.isEmpty()) {
            violations.add(new Violation(target.get().describe(), "no NetworkPolicy restricts its ingress"));
            return;
        }
        Set<String> admitted = new TreeSet<>();
        boolean open = false;
        for (V1NetworkPolicy policy : selecting) {
            String where = "NetworkPolicy/" + policy.getMetadata().getName();
            for (V1NetworkPolicyIngressRule rule : rules(policy)) {
                if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                    violations.add(new Violation(where, "admits every source to " + server.appName()));
                    open = true;
                    continue;
                }
                for (V1NetworkPolicyPeer peer : rule.getFrom()) {
                    if (peer.getIpBlock() != null || peer.getNamespaceSelector() != null) {
                        violations.add(new Violation(where,
                                "admits sources outside the namespace's pods to " + server.appName()));
                        continue;
                    }
                    for (Workload source : rendered.workloads()) {
                        if (LabelSelectors.matches(peer.getPodSelector(), source.podLabels())) {
                            admitted.add(source.appName().orElse(source.describe()));
                        }
                    }
                }
            }
        }
        Set<String> unexpected = new TreeSet<>(admitted);
        unexpected.removeAll(server.allowed());
        if (!unexpected.isEmpty()) {
            violations.add(new Violation(target.get().describe(),
                    "reachable from " + unexpected + "; only " + new TreeSet<>(server.allowed()) + " may"));
        }
        Set<String> missing = new TreeSet<>(server.required());
        missing.removeAll(admitted);
        if (!open && !missing.isEmpty()) {
            violations.add(new Violation(target.get().describe(), "not reachable from " + missing + ", which need it"));
        }
    }

    /** Some policy selecting {@code target} admits {@code sourceApp} on {@code port}. */
    private static void expectReachable(Rendered rendered, List<V1NetworkPolicy> policies, String sourceApp,
            Workload target, int port, List<Violation> violations) {
        Optional<Workload> source = rendered.workload(sourceApp);
        if (source.isEmpty()) {
            violations.add(new Violation(sourceApp,
                    "no workload runs pods labelled " + Rendered.NAME_LABEL + "=" + sourceApp));
            return;
        }
        List<V1NetworkPolicy> selecting = selecting(policies, target);
        if (selecting.isEmpty()) {
            return; // not isolated: everything reaches it (the default-deny check reports the missing isolation)
        }
        Optional<V1Container> container = target.containers().stream()
                .filter(c -> AppService.declaredPort(c, port).isPresent()).findFirst();
        boolean reachable = selecting.stream().flatMap(p -> rules(p).stream()).anyMatch(rule ->
                admitsSource(rule, source.get()) && admitsPort(rule, container.orElse(null), port));
        if (!reachable) {
            violations.add(new Violation(target.describe(), sourceApp + " cannot reach port " + port));
        }
    }

    private static boolean admitsSource(V1NetworkPolicyIngressRule rule, Workload source) {
        return rule.getFrom() == null || rule.getFrom().isEmpty()
                || rule.getFrom().stream().anyMatch(peer -> peer.getIpBlock() == null
                        && peer.getNamespaceSelector() == null
                        && LabelSelectors.matches(peer.getPodSelector(), source.podLabels()));
    }

    private static boolean admitsPort(V1NetworkPolicyIngressRule rule, V1Container container, int port) {
        if (rule.getPorts() == null || rule.getPorts().isEmpty()) {
            return true;
        }
        for (V1NetworkPolicyPort allowed : rule.getPorts()) {
            if (allowed.getPort() == null) {
                return true;
            }
            if (allowed.getPort().isInteger()) {
                int first = allowed.getPort().getIntValue();
                int last = allowed.getEndPort() == null ? first : allowed.getEndPort();
                if (first <= port && port <= last) {
                    return true;
                }
            } else if (container != null && AppService.designates(allowed.getPort(), container, port)) {
                return true;
            }
        }
        return false;
    }

    private static List<V1NetworkPolicy> selecting(List<V1NetworkPolicy> policies, Workload target) {
        return policies.stream()
                .filter(p -> restrictsIngress(p.getSpec())
                        && LabelSelectors.matches(p.getSpec().getPodSelector(), target.podLabels()))
                .toList();
    }

    private static List<V1NetworkPolicyIngressRule> rules(V1NetworkPolicy policy) {
        return policy.getSpec().getIngress() == null ? List.of() : policy.getSpec().getIngress();
    }

    // Without policyTypes, a policy restricts ingress always (and egress only if it has egress rules).
    private static boolean restrictsIngress(V1NetworkPolicySpec spec) {
        return spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty()
                || spec.getPolicyTypes().contains("Ingress");
    }

    private static boolean isEmpty(io.kubernetes.client.openapi.models.V1LabelSelector selector) {
        return selector != null
                && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }
}

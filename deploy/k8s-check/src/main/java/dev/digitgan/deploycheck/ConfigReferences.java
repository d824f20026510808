package dev.digitgan.deploycheck;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapKeySelector;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every ConfigMap and ServiceAccount a pod names exists in the rendered output (kustomize appends a
 * content hash to generated ConfigMaps and rewrites the references it knows; a reference it misses
 * would leave a pod stuck in ContainerCreating).
 */
final class ConfigReferences implements Requirement {

    @Override
    public String title() {
        return "referenced ConfigMaps and ServiceAccounts exist";
    }

    @Override
    public List<Violation> check(Rendered rendered) {
        Set<String> maps = rendered.all(V1ConfigMap.class).stream()
                .map(m -> m.getMetadata().getName())
                .collect(Collectors.toSet());
        Set<String> accounts = rendered.all(V1ServiceAccount.class).stream()
                .map(a -> a.getMetadata().getName())
                .collect(Collectors.toSet());
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : rendered.workloads()) {
            String account = workload.podSpec().getServiceAccountName();
            if (account != null && !"default".equals(account) && !accounts.contains(account)) {
                violations.add(new Violation(workload.describe(), "ServiceAccount " + account + " is not defined"));
            }
            for (V1Volume volume : workload.podSpec().getVolumes() == null
                    ? List.<V1Volume>of() : workload.podSpec().getVolumes()) {
                if (volume.getConfigMap() != null && !Boolean.TRUE.equals(volume.getConfigMap().getOptional())) {
                    expect(workload.describe() + " volume " + volume.getName(), volume.getConfigMap().getName(), maps,
                            violations);
                }
            }
            for (V1Container container : workload.allContainers()) {
                String where = workload.describe() + " container " + container.getName();
                for (V1EnvFromSource source : container.getEnvFrom() == null
                        ? List.<V1EnvFromSource>of() : container.getEnvFrom()) {
                    if (source.getConfigMapRef() != null
                            && !Boolean.TRUE.equals(source.getConfigMapRef().getOptional())) {
                        expect(where, source.getConfigMapRef().getName(), maps, violations);
                    }
                }
                for (V1EnvVar env : container.getEnv() == null ? List.<V1EnvVar>of() : container.getEnv()) {
                    V1ConfigMapKeySelector ref =
                            env.getValueFrom() == null ? null : env.getValueFrom().getConfigMapKeyRef();
                    if (ref != null && !Boolean.TRUE.equals(ref.getOptional())) {
                        expect(where, ref.getName(), maps, violations);
                    }
                }
            }
        }
        return violations;
    }

    private static void expect(String where, String name, Set<String> maps, List<Violation> violations) {
        if (!maps.contains(name)) {
            violations.add(new Violation(where, "ConfigMap " + name + " is not defined"));
        }
    }
}

package dev.digitgan.deploycheck;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scale-out as deployed: each sampler pod consumes checkpoints in its own group (DIGITGAN_SAMPLER_GROUP_ID =
 * pod name), trainers are a StatefulSet whose stable pod names are their instance ids, and the
 * training-requests topic gets at least as many partitions as there are trainers (a consumer group
 * gives each partition to one member, so extra trainers would idle).
 */
final class ScaleOut implements Requirement {

    static final String PARTITIONS_KEY = "DIGITGAN_TRAINING_REQUEST_PARTITIONS";

    @Override
    public String title() {
        return "scale-out: a consumer group per sampler pod, stable trainer ids, partitions >= trainers";
    }

    @Override
    public List<Violation> check(Rendered rendered) {
        List<Violation> violations = new ArrayList<>();
        Optional<Workload> sampler = rendered.workload(AppService.SAMPLER.appName);
        sampler.ifPresent(s -> expectPodName(s, "DIGITGAN_SAMPLER_GROUP_ID", violations));
        // With an autoscaler, its minReplicas counts (SamplerAutoscaling checks it); without, the declared count.
        sampler.filter(s -> !autoscaled(rendered, s) && s.initialReplicas() < 2).ifPresent(s ->
                violations.add(new Violation(s.describe(),
                        s.initialReplicas() + " replica(s) and no autoscaler: run at least 2 samplers")));

        Optional<Workload> trainer = rendered.workload(AppService.TRAINER.appName);
        if (trainer.isEmpty()) {
            violations.add(new Violation(AppService.TRAINER.appName, "no trainer workload"));
            return violations;
        }
        Workload t = trainer.get();
        if (!"StatefulSet".equals(t.kind())) {
            violations.add(new Violation(t.describe(),
                    "trainers must be a StatefulSet: they resume their runs by a stable instance id"));
        }
        expectPodName(t, "DIGITGAN_TRAINER_INSTANCE_ID", violations);
        Optional<Integer> partitions = partitions(rendered, t);
        if (partitions.isEmpty()) {
            violations.add(new Violation(t.describe(), "no ConfigMap it reads sets " + PARTITIONS_KEY));
        } else if (partitions.get() < t.initialReplicas()) {
            violations.add(new Violation(t.describe(),
                    t.initialReplicas() + " replicas but " + PARTITIONS_KEY + "=" + partitions.get()
                            + ": the extra trainers would get no requests"));
        }
        return violations;
    }

    private static boolean autoscaled(Rendered rendered, Workload workload) {
        return rendered.all(V2HorizontalPodAutoscaler.class).stream().anyMatch(h ->
                workload.kind().equals(h.getSpec().getScaleTargetRef().getKind())
                        && workload.name().equals(h.getSpec().getScaleTargetRef().getName()));
    }

    private static void expectPodName(Workload workload, String variable, List<Violation> violations) {
        for (V1Container container : workload.containers()) {
            Optional<V1EnvVar> env = container.getEnv() == null ? Optional.empty()
                    : container.getEnv().stream().filter(e -> variable.equals(e.getName())).findFirst();
            boolean fromPodName = env.map(V1EnvVar::getValueFrom).map(v -> v.getFieldRef())
                    .map(f -> "metadata.name".equals(f.getFieldPath())).orElse(false);
            if (!fromPodName) {
                violations.add(new Violation(workload.describe() + " container " + container.getName(),
                        variable + " is not set from the pod name (valueFrom.fieldRef metadata.name)"));
            }
        }
    }

    private static Optional<Integer> partitions(Rendered rendered, Workload trainer) {
        for (V1Container container : trainer.containers()) {
            List<V1EnvFromSource> sources = container.getEnvFrom() == null ? List.of() : container.getEnvFrom();
            for (V1EnvFromSource source : sources) {
                if (source.getConfigMapRef() == null) {
                    continue;
                }
                Optional<V1ConfigMap> map = rendered.configMap(source.getConfigMapRef().getName());
                Optional<String> value = map.map(V1ConfigMap::getData).map(d -> d.get(PARTITIONS_KEY));
                if (value.isPresent()) {
                    try {
                        return Optional.of(Integer.parseInt(value.get().strip()));
                    } catch (NumberFormatException e) {
                        return Optional.of(0);
                    }
                }
            }
        }
        return Optional.empty();
    }
}

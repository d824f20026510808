package dev.digitgan.deploycheck;

import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An object that runs pods (Deployment, StatefulSet, DaemonSet, Job, CronJob), reduced to what the
 * requirements look at: its pod template and, for Deployments and StatefulSets, the replica count
 * the manifest declares (null when it leaves the count to the API's default of 1 or to an autoscaler).
 */
public record Workload(String kind, String name, Integer replicas, V1PodTemplateSpec template, boolean longRunning) {

    /** The replicas the controller starts with: the declared count, else the API's default, 1. */
    public int initialReplicas() {
        return replicas == null ? 1 : replicas;
    }

    public String describe() {
        return kind + "/" + name;
    }

    public V1PodSpec podSpec() {
        return template.getSpec();
    }

    public Map<String, String> podLabels() {
        return template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of()
                : template.getMetadata().getLabels();
    }

    public Map<String, String> podAnnotations() {
        return template.getMetadata() == null || template.getMetadata().getAnnotations() == null
                ? Map.of()
                : template.getMetadata().getAnnotations();
    }

    /** The value of the label app.kubernetes.io/name on its pods, the name the requirements use. */
    public Optional<String> appName() {
        return Optional.ofNullable(podLabels().get(Rendered.NAME_LABEL));
    }

    public List<V1Container> containers() {
        return podSpec().getContainers() == null ? List.of() : podSpec().getContainers();
    }

    /** Init containers first, then the others. */
    public List<V1Container> allContainers() {
        List<V1Container> all = new ArrayList<>();
        if (podSpec().getInitContainers() != null) {
            all.addAll(podSpec().getInitContainers());
        }
        all.addAll(containers());
        return all;
    }

    public Stream<V1Container> containerStream() {
        return allContainers().stream();
    }
}

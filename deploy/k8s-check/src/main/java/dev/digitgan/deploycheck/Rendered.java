package dev.digitgan.deploycheck;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CronJob;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The schema-valid objects of one rendered overlay, with the look-ups the requirements share. */
public record Rendered(List<SchemaValidator.Valid> objects) {

    public static final String NAME_LABEL = "app.kubernetes.io/name";

    public Rendered {
        objects = List.copyOf(objects);
    }

    public <T> List<T> all(Class<T> type) {
        return objects.stream().map(SchemaValidator.Valid::model).filter(type::isInstance).map(type::cast).toList();
    }

    public boolean hasKind(String kind) {
        return objects.stream().anyMatch(o -> kind.equals(o.manifest().kind()));
    }

    public List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (V1Deployment d : all(V1Deployment.class)) {
            workloads.add(new Workload("Deployment", d.getMetadata().getName(), d.getSpec().getReplicas(),
                    d.getSpec().getTemplate(), true));
        }
        for (V1StatefulSet s : all(V1StatefulSet.class)) {
            workloads.add(new Workload("StatefulSet", s.getMetadata().getName(), s.getSpec().getReplicas(),
                    s.getSpec().getTemplate(), true));
        }
        for (V1DaemonSet d : all(V1DaemonSet.class)) {
            workloads.add(new Workload("DaemonSet", d.getMetadata().getName(), null, d.getSpec().getTemplate(), true));
        }
        for (V1Job j : all(V1Job.class)) {
            workloads.add(new Workload("Job", j.getMetadata().getName(), null, j.getSpec().getTemplate(), false));
        }
        for (V1CronJob c : all(V1CronJob.class)) {
            V1PodTemplateSpec template = c.getSpec().getJobTemplate().getSpec().getTemplate();
            workloads.add(new Workload("CronJob", c.getMetadata().getName(), null, template, false));
        }
        return workloads;
    }

    /** The workload whose pods carry app.kubernetes.io/name = {@code appName}. */
    public Optional<Workload> workload(String appName) {
        return workloads().stream().filter(w -> w.appName().filter(appName::equals).isPresent()).findFirst();
    }

    public Optional<V1ConfigMap> configMap(String name) {
        return all(V1ConfigMap.class).stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
    }
}

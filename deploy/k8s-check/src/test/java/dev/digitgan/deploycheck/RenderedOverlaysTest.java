package dev.digitgan.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real overlays, rendered by kubectl kustomize: they meet every requirement, and each requirement
 * catches its own kind of breakage when one rendered object is changed.
 */
class RenderedOverlaysTest {

    private static final Path ROOT =
            Path.of(System.getProperty("digitgan.repo.root", "../..")).toAbsolutePath().normalize();
    private static String cpu;
    private static String gpu;
    private static Set<String> credentialKeys;

    @BeforeAll
    static void render() throws IOException, InterruptedException {
        String kubectl = System.getenv().getOrDefault("KUBECTL", "kubectl");
        assumeTrue(runs(kubectl),
                "kubectl with kustomize is needed to render the overlays (scripts/validate-deploy.sh installs it)");
        cpu = kustomize(kubectl, "cpu");
        gpu = kustomize(kubectl, "gpu");
        credentialKeys = CredentialsFile.keys(Files.readAllLines(ROOT.resolve(".env")));
    }

    @Test
    void bothOverlaysMeetEveryRequirement() {
        assertThat(violations(ManifestReader.read(cpu), Overlay.CPU)).isEmpty();
        assertThat(violations(ManifestReader.read(gpu), Overlay.GPU)).isEmpty();
    }

    @Test
    void onlyTheGpuOverlayAsksForAGpu() {
        assertThat(violations(ManifestReader.read(gpu), Overlay.CPU))
                .anyMatch(v -> v.contains("asks for nvidia.com/gpu in the cpu overlay"))
                .anyMatch(v -> v.contains("tolerates the taint nvidia.com/gpu but needs no GPU"));
        assertThat(violations(ManifestReader.read(cpu), Overlay.GPU))
                .anyMatch(v -> v.contains("limits.nvidia.com/gpu is absent, expected 1"))
                .anyMatch(v -> v.contains("does not tolerate the taint nvidia.com/gpu"));
    }

    @Test
    void aGpuTrainerWithoutItsTolerationIsReported() {
        List<Manifest> manifests = ManifestReader.read(gpu);
        pod(manifests, "StatefulSet", "trainer-service").remove("tolerations");

        assertThat(violations(manifests, Overlay.GPU)).containsExactly(
                "StatefulSet/trainer-service: does not tolerate the taint nvidia.com/gpu");
    }

    @Test
    void aMissingReadinessProbeIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        container(manifests, "Deployment", "sampler-service").remove("readinessProbe");

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "Deployment/sampler-service container sampler: no readinessProbe");
    }

    @Test
    void aProbeOnTheWrongPathIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        Map<String, Object> probe = map(container(manifests, "StatefulSet", "trainer-service").get("livenessProbe"));
        map(probe.get("httpGet")).put("path", "/q/health");

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "StatefulSet/trainer-service container trainer: livenessProbe is not an HTTP GET of /q/health/live");
    }

    @Test
    void aWritableRootFilesystemIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        map(container(manifests, "StatefulSet", "kafka").get("securityContext")).put("readOnlyRootFilesystem", false);

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "StatefulSet/kafka container kafka: securityContext.readOnlyRootFilesystem is not true");
    }

    @Test
    void aRootContainerIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        map(pod(manifests, "Deployment", "grafana").get("securityContext")).remove("runAsNonRoot");

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "Deployment/grafana container grafana: runAsNonRoot is not true (container or pod securityContext)");
    }

    @Test
    void aContainerWithoutLimitsIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        map(container(manifests, "Deployment", "metrics-service").get("resources")).remove("limits");

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "Deployment/metrics-service container metrics: no cpu limit",
                "Deployment/metrics-service container metrics: no memory limit");
    }

    @Test
    void aMissingAutoscalerIsReported() {
        List<Manifest> manifests = new ArrayList<>(ManifestReader.read(cpu));
        manifests.removeIf(m -> "HorizontalPodAutoscaler".equals(m.kind()));

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "Deployment/sampler-service: 0 HorizontalPodAutoscalers target it, expected 1",
                "Deployment/sampler-service: 1 replica(s) and no autoscaler: run at least 2 samplers");
    }

    @Test
    void kafkaOpenToEveryPodIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        Map<String, Object> rule =
                map(list(map(object(manifests, "NetworkPolicy", "kafka-from-clients").get("spec")).get("ingress"))
                        .get(0));
        rule.remove("from");

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "NetworkPolicy/kafka-from-clients: admits every source to kafka");
    }

    @Test
    void aPodThatIsNoServiceReachingMinioIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        Map<String, Object> template = map(map(object(manifests, "Deployment", "grafana").get("spec")).get("template"));
        map(map(template.get("metadata")).get("labels")).put("digitgan/s3-client", "true");

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "StatefulSet/minio: reachable from [grafana];"
                        + " only [minio-setup, sampler-service, trainer-service] may");
    }

    @Test
    void withoutTheDefaultDenyItIsReported() {
        List<Manifest> manifests = new ArrayList<>(ManifestReader.read(cpu));
        manifests.removeIf(m -> "default-deny-ingress".equals(m.name()));

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "NetworkPolicy: no default-deny policy (empty podSelector, Ingress, no rules)");
    }

    @Test
    void aSharedSamplerConsumerGroupIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        for (Object env : list(container(manifests, "Deployment", "sampler-service").get("env"))) {
            if ("DIGITGAN_SAMPLER_GROUP_ID".equals(map(env).get("name"))) {
                map(env).remove("valueFrom");
                map(env).put("value", "samplers");
            }
        }

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "Deployment/sampler-service container sampler: DIGITGAN_SAMPLER_GROUP_ID is not set from the pod name"
                        + " (valueFrom.fieldRef metadata.name)");
    }

    @Test
    void moreTrainersThanRequestPartitionsIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        map(object(manifests, "StatefulSet", "trainer-service").get("spec")).put("replicas", 8);

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "StatefulSet/trainer-service: 8 replicas but DIGITGAN_TRAINING_REQUEST_PARTITIONS=6:"
                        + " the extra trainers would get no requests");
    }

    @Test
    void aLiteralCredentialIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        list(container(manifests, "Deployment", "metrics-service").get("env"))
                .add(new java.util.LinkedHashMap<>(Map.of("name", "DIGITGAN_TRAINER_ADMIN_PASSWORD",
                        "value", "hunter2")));

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "Deployment/metrics-service container metrics: env DIGITGAN_TRAINER_ADMIN_PASSWORD has a literal"
                        + " value; read it from Secret digitgan-credentials");
    }

    @Test
    void aSecretKeyThatDotEnvLacksIsReported() {
        assertThat(violations(ManifestReader.read(cpu), Overlay.CPU, Set.of("MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD",
                "DIGITGAN_S3_ACCESS_KEY", "DIGITGAN_S3_SECRET_KEY", "DIGITGAN_TRAINER_ADMIN_USER",
                "DIGITGAN_TRAINER_ADMIN_PASSWORD", "DIGITGAN_SAMPLER_ADMIN_USER", "DIGITGAN_SAMPLER_ADMIN_PASSWORD",
                "GF_SECURITY_ADMIN_USER")))
                .containsExactly("Deployment/grafana container grafana: env GF_SECURITY_ADMIN_PASSWORD reads key "
                        + "GF_SECURITY_ADMIN_PASSWORD, which the credentials file does not define");
    }

    @Test
    void aDanglingConfigMapReferenceIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        Map<String, Object> volume = map(list(pod(manifests, "Deployment", "prometheus").get("volumes")).get(0));
        map(volume.get("configMap")).put("name", "prometheus-config");

        assertThat(violations(manifests, Overlay.CPU)).containsExactly(
                "Deployment/prometheus volume config: ConfigMap prometheus-config is not defined");
    }

    @Test
    void anUnpinnedImageOrARegistryHostIsReported() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        container(manifests, "Deployment", "grafana").put("image", "grafana/grafana");
        container(manifests, "Deployment", "prometheus").put("image", "registry.example:5000/prom/prometheus:v3.5.0");

        assertThat(violations(manifests, Overlay.CPU)).containsExactlyInAnyOrder(
                "Deployment/grafana container grafana: image grafana/grafana is not pinned to a tag or digest",
                "Deployment/prometheus container prometheus:"
                        + " image registry.example:5000/prom/prometheus:v3.5.0 names a registry host");
    }

    @Test
    void aSchemaErrorInOneObjectIsReportedWithItsName() {
        List<Manifest> manifests = ManifestReader.read(cpu);
        Map<String, Object> container = container(manifests, "Deployment", "metrics-service");
        container.put("readinesProbe", container.remove("readinessProbe"));

        List<String> violations = violations(manifests, Overlay.CPU);
        assertThat(violations).first().asString()
                .startsWith("Deployment/metrics-service (document")
                .contains("The field `readinesProbe` in the JSON string"
                        + " is not defined in the `V1Container` properties");
    }

    // --- helpers -------------------------------------------------------------------------------

    private static List<String> violations(List<Manifest> manifests, Overlay overlay) {
        return violations(manifests, overlay, credentialKeys);
    }

    private static List<String> violations(List<Manifest> manifests, Overlay overlay, Set<String> keys) {
        return ManifestCheck.check(manifests, overlay, keys).violations().stream().map(Violation::toString).toList();
    }

    private static Map<String, Object> object(List<Manifest> manifests, String kind, String name) {
        return manifests.stream().filter(m -> kind.equals(m.kind()) && name.equals(m.name())).findFirst()
                .map(Manifest::content).orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " rendered"));
    }

    private static Map<String, Object> pod(List<Manifest> manifests, String kind, String name) {
        return map(map(map(object(manifests, kind, name).get("spec")).get("template")).get("spec"));
    }

    private static Map<String, Object> container(List<Manifest> manifests, String kind, String name) {
        return map(list(pod(manifests, kind, name).get("containers")).get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static boolean runs(String kubectl) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(kubectl, "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static String kustomize(String kubectl, String overlay) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl, "kustomize", ROOT.resolve("k8s/overlays/" + overlay).toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("kubectl kustomize k8s/overlays/" + overlay + " failed");
        }
        return yaml;
    }
}

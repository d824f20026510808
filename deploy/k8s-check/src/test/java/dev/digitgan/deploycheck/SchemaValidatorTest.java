package dev.digitgan.deploycheck;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.models.V1Deployment;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: example/web:1.0
                      env:
                        - name: MODE
                          value: "7"
                      securityContext:
                        readOnlyRootFilesystem: true
                      resources:
                        limits:
                          nvidia.com/gpu: 1
                          memory: 1Gi
            """;

    private final SchemaValidator validator = new SchemaValidator();

    private SchemaValidator.Result validate(String yaml) {
        return validator.validate(ManifestReader.read(yaml).get(0));
    }

    private String violation(String yaml) {
        SchemaValidator.Result result = validate(yaml);
        assertThat(result.valid()).as("expected a schema violation").isEmpty();
        return result.violation().orElseThrow().message();
    }

    @Test
    void aValidDeploymentDecodesIntoItsModel() {
        SchemaValidator.Result result = validate(DEPLOYMENT);

        assertThat(result.violation()).isEmpty();
        V1Deployment deployment = (V1Deployment) result.valid().orElseThrow().model();
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .containsKey("nvidia.com/gpu");
    }

    @Test
    void rejectsAnUnknownField() {
        assertThat(violation(DEPLOYMENT.replace("securityContext:", "securityContxt:")))
                .contains("securityContxt").contains("V1Container");
    }

    @Test
    void rejectsAMissingRequiredField() {
        assertThat(violation(DEPLOYMENT.replace("- name: web\n", "- \n"))).contains("required field `name`");
    }

    @Test
    void rejectsAStringWhereTheApiWantsAnInteger() {
        assertThat(violation(DEPLOYMENT.replace("replicas: 2", "replicas: \"2\""))).contains("expected an integer");
    }

    @Test
    void rejectsANumberWhereTheApiWantsAString() {
        assertThat(violation(DEPLOYMENT.replace("value: \"7\"", "value: 7"))).contains("expected a string");
    }

    @Test
    void rejectsAStringWhereTheApiWantsABoolean() {
        assertThat(violation(DEPLOYMENT.replace("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: \"true\"")))
                .contains("expected a boolean");
    }

    @Test
    void rejectsAListWhereTheApiWantsAnObject() {
        assertThat(violation(DEPLOYMENT.replace("matchLabels: {app: web}", "matchLabels: [app]"))).isNotBlank();
    }

    @Test
    void rejectsAKindTheApiDoesNotHave() {
        assertThat(violation(DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet")))
                .contains("no Kubernetes API type");
        assertThat(violation(DEPLOYMENT.replace("apps/v1", "apps/v1beta2"))).contains("no Kubernetes API type");
    }

    @Test
    void rejectsAnObjectWithoutAName() {
        assertThat(violation(DEPLOYMENT.replace("  name: web\nspec", "  labels: {}\nspec"))).contains("metadata.name");
    }
}

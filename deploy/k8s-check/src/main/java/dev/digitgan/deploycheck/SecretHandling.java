package dev.digitgan.deploycheck;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1EnvFromSource;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1SecretKeySelector;
import io.kubernetes.client.openapi.models.V1Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Credentials reach the pods only from the Secret the operator creates (digitgan-credentials, from
 * .env in development): the manifests hold no Secret object, no credential-like literal in env vars
 * or ConfigMaps, and every key they read from the Secret is one that .env defines.
 */
final class SecretHandling implements Requirement {

    static final String SECRET = "digitgan-credentials";
    private static final Pattern CREDENTIAL_NAME =
            Pattern.compile("(?i).*(password|secret|access_key|token|credential).*");

    private final Set<String> credentialKeys;

    /** @param credentialKeys the keys of the development credentials file (.env) */
    SecretHandling(Set<String> credentialKeys) {
        this.credentialKeys = Set.copyOf(credentialKeys);
    }

    @Override
    public String title() {
        return "credentials only from Secret " + SECRET + " (keys as in .env); no secret values in the manifests";
    }

    @Override
    public List<Violation> check(Rendered rendered) {
        List<Violation> violations = new ArrayList<>();
        if (rendered.hasKind("Secret")) {
            violations.add(new Violation("Secret",
                    "the manifests must not carry a Secret: the operator creates " + SECRET));
        }
        for (V1ConfigMap map : rendered.all(V1ConfigMap.class)) {
            if (map.getData() != null) {
                map.getData().keySet().stream().filter(k -> CREDENTIAL_NAME.matcher(k).matches()).forEach(k ->
                        violations.add(new Violation("ConfigMap/" + map.getMetadata().getName(),
                                "key " + k + " looks like a credential")));
            }
        }
        for (Workload workload : rendered.workloads()) {
            for (V1Container container : workload.allContainers()) {
                String where = workload.describe() + " container " + container.getName();
                for (V1EnvVar env : container.getEnv() == null ? List.<V1EnvVar>of() : container.getEnv()) {
                    if (env.getValue() != null && CREDENTIAL_NAME.matcher(env.getName()).matches()) {
                        violations.add(new Violation(where,
                                "env " + env.getName() + " has a literal value; read it from Secret " + SECRET));
                    }
                    V1SecretKeySelector ref = env.getValueFrom() == null ? null : env.getValueFrom().getSecretKeyRef();
                    if (ref != null) {
                        expectSecret(where, ref.getName(), violations);
                        if (!credentialKeys.contains(ref.getKey())) {
                            violations.add(new Violation(where, "env " + env.getName() + " reads key " + ref.getKey()
                                    + ", which the credentials file does not define"));
                        }
                    }
                }
                for (V1EnvFromSource source : container.getEnvFrom() == null
                        ? List.<V1EnvFromSource>of() : container.getEnvFrom()) {
                    if (source.getSecretRef() != null) {
                        violations.add(new Violation(where,
                                "envFrom a whole Secret; read only the keys the container needs"));
                    }
                }
            }
            for (V1Volume volume : workload.podSpec().getVolumes() == null
                    ? List.<V1Volume>of() : workload.podSpec().getVolumes()) {
                if (volume.getSecret() != null) {
                    expectSecret(workload.describe() + " volume " + volume.getName(),
                            volume.getSecret().getSecretName(), violations);
                }
            }
        }
        return violations;
    }

    private static void expectSecret(String where, String name, List<Violation> violations) {
        if (!SECRET.equals(name)) {
            violations.add(new Violation(where, "reads Secret " + name + "; the deployment documents only " + SECRET));
        }
    }
}

package dev.digitgan.deploycheck;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the output of {@code kubectl kustomize k8s/overlays/<overlay>}: every object against the
 * Kubernetes API schema ({@link SchemaValidator}), then the deployment's requirements on the valid objects.
 *
 * <pre>java dev.digitgan.deploycheck.ManifestCheck --overlay cpu|gpu --credentials .env rendered.yaml|-</pre>
 * Exit status 0 when everything holds, 1 when something does not, 2 on a usage error.
 */
public final class ManifestCheck {

    private static final String USAGE =
            "usage: ManifestCheck --overlay cpu|gpu --credentials <.env file> <rendered.yaml | ->";

    private ManifestCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Overlay overlay = null;
        Path credentials = null;
        String input = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--overlay" -> overlay = Overlay.parse(value(args, ++i));
                    case "--credentials" -> credentials = Path.of(value(args, ++i));
                    default -> {
                        if (input != null) {
                            throw new IllegalArgumentException("one input only, got " + input + " and " + args[i]);
                        }
                        input = args[i];
                    }
                }
            }
            if (overlay == null || credentials == null || input == null) {
                throw new IllegalArgumentException("--overlay, --credentials and an input are required");
            }
        } catch (IllegalArgumentException e) {
            err.println("k8s-check: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try {
            String yaml = input.equals("-")
                    ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(input));
            Set<String> keys = CredentialsFile.keys(Files.readAllLines(credentials));
            List<Manifest> manifests = ManifestReader.read(yaml);
            if (manifests.isEmpty()) {
                err.println("k8s-check: " + input + " holds no objects");
                return 1;
            }
            Report report = check(manifests, overlay, keys);
            report.print(out);
            return report.passed() ? 0 : 1;
        } catch (IOException e) {
            err.println("k8s-check: cannot read: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("k8s-check: " + e.getMessage());
            return 1;
        }
    }

    /** Schema first; the requirements then see the objects that decoded. */
    public static Report check(List<Manifest> manifests, Overlay overlay, Set<String> credentialKeys) {
        SchemaValidator validator = new SchemaValidator();
        List<SchemaValidator.Valid> valid = new ArrayList<>();
        List<Violation> schemaViolations = new ArrayList<>();
        for (Manifest manifest : manifests) {
            SchemaValidator.Result result = validator.validate(manifest);
            result.valid().ifPresent(valid::add);
            result.violation().ifPresent(schemaViolations::add);
        }
        Rendered rendered = new Rendered(valid);
        Map<String, List<Violation>> requirements = new LinkedHashMap<>();
        for (Requirement requirement : requirements(overlay, credentialKeys)) {
            requirements.put(requirement.title(), requirement.check(rendered));
        }
        return new Report(overlay, manifests.size(), schemaViolations, requirements);
    }

    static List<Requirement> requirements(Overlay overlay, Set<String> credentialKeys) {
        return List.of(
                new PodHardening(),
                new HealthProbes(),
                new MetricsScraping(),
                new SamplerAutoscaling(),
                new NetworkIsolation(),
                new GpuPlacement(overlay),
                new ScaleOut(),
                new SecretHandling(credentialKeys),
                new ConfigReferences(),
                new ImageReferences());
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}

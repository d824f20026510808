package dev.digitgan.deploycheck;

import io.kubernetes.client.openapi.models.V1Container;
import java.util.ArrayList;
import java.util.List;

/**
 * Every image is pinned (a tag other than "latest", or a digest) and names no registry host: the
 * repository names no hosts, and operators point the overlays at their registry with kustomize.
 */
final class ImageReferences implements Requirement {

    @Override
    public String title() {
        return "images pinned, no registry host";
    }

    @Override
    public List<Violation> check(Rendered rendered) {
        List<Violation> violations = new ArrayList<>();
        for (Workload workload : rendered.workloads()) {
            for (V1Container container : workload.allContainers()) {
                String where = workload.describe() + " container " + container.getName();
                String image = container.getImage();
                if (image == null || image.isBlank()) {
                    violations.add(new Violation(where, "no image"));
                    continue;
                }
                String firstPart = image.contains("/") ? image.substring(0, image.indexOf('/')) : "";
                // Docker's rule: a first path component with a dot or a port, or "localhost", is a registry host.
                if (firstPart.contains(".") || firstPart.contains(":") || firstPart.equals("localhost")) {
                    violations.add(new Violation(where, "image " + image + " names a registry host"));
                }
                String lastPart = image.substring(image.lastIndexOf('/') + 1);
                boolean digest = image.contains("@sha256:");
                int colon = lastPart.indexOf(':');
                if (!digest && (colon < 0 || lastPart.substring(colon + 1).equals("latest"))) {
                    violations.add(new Violation(where, "image " + image + " is not pinned to a tag or digest"));
                }
            }
        }
        return violations;
    }
}

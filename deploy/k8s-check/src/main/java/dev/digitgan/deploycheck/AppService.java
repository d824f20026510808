package dev.digitgan.deploycheck;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import java.util.Optional;

/**
 * The project's three services, by the app.kubernetes.io/name of their pods, and their HTTP ports
 * (docs/conventions.md).
 */
enum AppService {
    TRAINER("trainer-service", 8081),
    SAMPLER("sampler-service", 8082),
    METRICS("metrics-service", 8083);

    final String appName;
    final int port;

    AppService(String appName, int port) {
        this.appName = appName;
        this.port = port;
    }

    /** The container of the workload that declares this service's port. */
    Optional<V1Container> container(Workload workload) {
        return workload.containers().stream().filter(c -> declaredPort(c, port).isPresent()).findFirst();
    }

    static Optional<V1ContainerPort> declaredPort(V1Container container, int number) {
        return container.getPorts() == null
                ? Optional.empty()
                : container.getPorts().stream().filter(p -> p.getContainerPort() == number).findFirst();
    }

    /** True when {@code port} (a number or a port name) designates container port {@code number}. */
    static boolean designates(IntOrString port, V1Container container, int number) {
        if (port == null) {
            return false;
        }
        if (port.isInteger()) {
            return port.getIntValue() == number;
        }
        return declaredPort(container, number).map(p -> port.getStrValue().equals(p.getName())).orElse(false);
    }
}

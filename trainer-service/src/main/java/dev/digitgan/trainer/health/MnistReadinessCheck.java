package dev.digitgan.trainer.health;

import dev.digitgan.trainer.training.MnistSource;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while the MNIST files cannot be read: such an instance takes no training requests (its worker waits
 * for the files), so it should not look ready either. Up while the first load is still under way.
 */
@Readiness
@ApplicationScoped
public class MnistReadinessCheck implements HealthCheck {

    private final MnistSource mnist;

    public MnistReadinessCheck(MnistSource mnist) {
        this.mnist = mnist;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("mnist").withData("dir", mnist.dir().toAbsolutePath().toString());
        return mnist.problem()
                .map(problem -> response.down().withData("reason", problem))
                .orElseGet(() -> response.up().withData("loaded", mnist.loaded()))
                .build();
    }
}

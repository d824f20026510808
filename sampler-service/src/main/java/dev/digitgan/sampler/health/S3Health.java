package dev.digitgan.sampler.health;

import dev.digitgan.sampler.config.SamplerConfig;
import dev.digitgan.support.storage.S3Config;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether S3 answers, with the bucket present (needed for the next reload, not for serving): probed in the
 * background ({@link BackgroundProbe}), so {@code /q/health} never waits on S3. Metric
 * {@code sampler_dependency_up{dependency="s3"}}.
 */
@Startup
@ApplicationScoped
public class S3Health {

    private final BackgroundProbe probe;

    public S3Health(MinioClient minio, S3Config s3, SamplerConfig config, MeterRegistry registry) {
        SamplerConfig.Health health = config.health();
        this.probe = new BackgroundProbe("s3", () -> {
            if (!minio.bucketExists(BucketExistsArgs.builder().bucket(s3.bucket()).build())) {
                throw new IllegalStateException("bucket " + s3.bucket() + " does not exist at " + s3.endpoint());
            }
        }, health.probeInterval(), health.probeTimeout());
        Gauge.builder("sampler_dependency_up", probe, p -> p.status().up() ? 1 : 0).tag("dependency", "s3")
                .description("1 when the dependency answered its last background probe in time").register(registry);
    }

    public ProbeStatus status() {
        return probe.status();
    }

    @PreDestroy
    void stop() {
        probe.close();
    }
}

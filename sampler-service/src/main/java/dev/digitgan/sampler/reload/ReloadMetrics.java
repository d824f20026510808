package dev.digitgan.sampler.reload;

import dev.digitgan.sampler.model.GeneratorHolder;
import dev.digitgan.sampler.model.LoadedModel;
import dev.digitgan.sampler.model.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * The sampler's own meters (Prometheus names in the README): which model is served, reload outcomes by
 * result, how long a reload took, events read, and images generated.
 */
@ApplicationScoped
public class ReloadMetrics {

    public static final String SUCCESS = "success";

    private final MeterRegistry registry;
    private final MultiGauge versionInfo;
    private final Timer reloadDuration;
    private final Counter eventsAccepted;
    private final Counter eventsInvalid;
    private final Counter imagesGenerated;

    public ReloadMetrics(MeterRegistry registry, GeneratorHolder holder, VersionRegistry versions) {
        this.registry = registry;
        // Numeric gauges as well as the info gauge: Grafana can plot a number over time, and alert on "step stopped
        // moving".
        Gauge.builder("sampler.model.version", holder, h -> h.current().map(m -> m.info().version()).orElse(0L))
                .description("Version number (within its run) of the model being served; 0 before any")
                .register(registry);
        Gauge.builder("sampler.model.step", holder, h -> h.current().map(m -> m.info().step()).orElse(0L))
                .description("Training step of the model being served").register(registry);
        Gauge.builder("sampler.model.epoch", holder, h -> h.current().map(m -> m.info().epoch()).orElse(0))
                .description("Training epoch of the model being served").register(registry);
        Gauge.builder("sampler.versions.known", versions, VersionRegistry::size)
                .description("Checkpoint versions seen on the topic").register(registry);
        this.versionInfo = MultiGauge.builder("sampler.model.version.info")
                .description("1 for the model being served, labelled with its run id, version and source")
                .register(registry);
        this.reloadDuration = Timer.builder("sampler.reload.duration")
                .description("From starting a reload (fetch) to the swap, successful reloads only")
                .publishPercentileHistogram().register(registry);
        this.eventsAccepted = Counter.builder("sampler.checkpoint.events").tag("result", "accepted")
                .description("Checkpoint events read from Kafka").register(registry);
        this.eventsInvalid = Counter.builder("sampler.checkpoint.events").tag("result", "invalid")
                .description("Checkpoint events read from Kafka").register(registry);
        this.imagesGenerated = Counter.builder("sampler.images.generated")
                .description("Digit images generated (grid tiles, single digits, walk steps, JSON digits)")
                .register(registry);
        for (RejectReason reason : RejectReason.values()) {
            reloads(reason.label()); // registered up front so the series exist (at 0) before the first failure
        }
        reloads(SUCCESS);
    }

    public void swapped(LoadedModel model, Duration took) {
        reloads(SUCCESS).increment();
        reloadDuration.record(took);
        versionInfo.register(List.of(MultiGauge.Row.of(Tags.of("run_id", model.info().runId(),
                "version", Long.toString(model.info().version()), "source", model.info().source()), 1)), true);
    }

    public void rejected(RejectReason reason) {
        reloads(reason.label()).increment();
    }

    public void eventAccepted() {
        eventsAccepted.increment();
    }

    public void eventInvalid() {
        eventsInvalid.increment();
    }

    public void imagesGenerated(int count) {
        imagesGenerated.increment(count);
    }

    private Counter reloads(String result) {
        return Counter.builder("sampler.reloads").tag("result", result)
                .description("Model reloads by result: success or the reason of the rejection").register(registry);
    }
}

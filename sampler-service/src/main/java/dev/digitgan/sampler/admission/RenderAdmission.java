package dev.digitgan.sampler.admission;

import dev.digitgan.sampler.api.Params;
import dev.digitgan.sampler.api.RequestLimits;
import dev.digitgan.sampler.config.SamplerConfig;
import dev.digitgan.sampler.model.DigitSampler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.ToDoubleFunction;
import org.jboss.logging.Logger;

/**
 * The replica's one {@link AdmissionControl}, sized from {@link SamplerConfig.Admission}, the heap
 * ({@code Runtime.maxMemory()}, i.e. {@code -Xmx} or the container's {@code MaxRAMPercentage}) and the CPUs the JVM
 * may use; HTTP and gRPC charge every render against it. Publishes its state as metrics.
 */
@ApplicationScoped
public class RenderAdmission {

    private static final Logger LOG = Logger.getLogger(RenderAdmission.class);

    private final AdmissionControl control;

    @Inject
    public RenderAdmission(SamplerConfig config, MeterRegistry registry) {
        this(new AdmissionControl(limits(config, Runtime.getRuntime().maxMemory(),
                Runtime.getRuntime().availableProcessors())), registry);
    }

    RenderAdmission(AdmissionControl control, MeterRegistry registry) {
        this.control = control;
        AdmissionLimits limits = control.limits();
        LOG.infof("admission control: %d cost units in flight (%d reserved for requests of at most %d), %d queued "
                + "for at most %d ms", limits.inFlight(), limits.reserve(), limits.cheapCost(), limits.queued(),
                limits.maxWait().toMillis());
        Gauge.builder("sampler_admission_in_flight_units", control, c -> c.snapshot().inFlight())
                .description("render work in flight, in cost units").register(registry);
        Gauge.builder("sampler_admission_queued_units", control, c -> c.snapshot().queued())
                .description("render work waiting for room, in cost units").register(registry);
        Gauge.builder("sampler_admission_limit_units", limits, AdmissionLimits::inFlight).tag("limit", "in_flight")
                .description("admission limits, in cost units").register(registry);
        Gauge.builder("sampler_admission_limit_units", limits, AdmissionLimits::queued).tag("limit", "queued")
                .description("admission limits, in cost units").register(registry);
        counter(registry, "admitted", c -> c.snapshot().admitted());
        counter(registry, "waited", c -> c.snapshot().waited());
        counter(registry, "refused", c -> c.snapshot().refused());
    }

    /** The limits for this configuration, heap and CPU count (a plain function, for tests and the README). */
    public static AdmissionLimits limits(SamplerConfig config, long maxHeapBytes, int cpus) {
        SamplerConfig.Admission a = config.admission();
        return AdmissionLimits.size(maxHeapBytes, cpus, largestRequest(config), a.inFlight(), a.queued(),
                a.heapShare(), a.cheapCost(), a.cheapReserve(), a.maxWait(), a.retryAfter());
    }

    /** The most expensive request the parameter limits allow. */
    public static long largestRequest(SamplerConfig config) {
        long largest = Math.max(Math.max(RenderCost.grid(config.maxGrid(), Params.MAX_GRID_SCALE),
                        RenderCost.walk(config.maxWalkSteps(), Params.MAX_GRID_SCALE)),
                Math.max(RenderCost.digit(Params.MAX_DIGIT_SCALE), RenderCost.pixels(config.maxJson())));
        return Math.max(largest, Math.max(RenderCost.number(config.maxNumberLength(), Params.MAX_GRID_SCALE),
                RenderCost.classes(DigitSampler.CLASS_ROWS, RequestLimits.of(config).maxPerClass(),
                        Params.MAX_GRID_SCALE)));
    }

    /** Waits for room for this cost, or throws {@link OverloadedException}; close the permit when rendered. */
    public AdmissionControl.Permit admit(long cost) {
        return control.admit(cost);
    }

    private void counter(MeterRegistry registry, String result, ToDoubleFunction<AdmissionControl> count) {
        // "admitted" counts requests that waited too; "waited" is the part of them (and of the refused) that queued.
        FunctionCounter.builder("sampler_admission_total", control, count).tag("result", result)
                .description("requests by admission result").register(registry);
    }
}

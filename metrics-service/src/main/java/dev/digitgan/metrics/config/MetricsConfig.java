package dev.digitgan.metrics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the aggregation ({@code digitgan.metrics.*}). */
@ConfigMapping(prefix = "digitgan.metrics")
public interface MetricsConfig {

    /** Steps averaged by {@code gan_*_loss_moving_average}. */
    @WithDefault("100")
    int movingAverageWindow();

    /** Most points kept per run's loss history (even); longer runs are downsampled to between half and this. */
    @WithDefault("2048")
    int historyCapacity();
}

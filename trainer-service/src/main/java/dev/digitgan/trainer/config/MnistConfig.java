package dev.digitgan.trainer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where the service reads MNIST ({@code digitgan.mnist.*}, env {@code DIGITGAN_MNIST_DIR}). */
@ConfigMapping(prefix = "digitgan.mnist")
public interface MnistConfig {

    /** The four IDX files (scripts/fetch-mnist.sh puts them in data/mnist of the repository). */
    @WithDefault("data/mnist")
    Path dir();
}

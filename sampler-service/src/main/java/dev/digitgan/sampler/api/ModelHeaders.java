package dev.digitgan.sampler.api;

/** Response headers that name the model and seed behind every image or number the sampler returns. */
public final class ModelHeaders {

    public static final String MODEL_VERSION = "X-Model-Version";
    public static final String MODEL_STEP = "X-Model-Step";
    public static final String SEED = "X-Seed";
    /** {@code true} when the model draws a chosen digit, {@code false} when it draws digits at random. */
    public static final String MODEL_CONDITIONAL = "X-Model-Conditional";

    private ModelHeaders() {
    }
}

package dev.digitgan.model.spec;

/** The network family a {@link GanSpec} describes; the builders in {@code dev.digitgan.model.nets} switch on it. */
public enum Architecture {
    /** Fully connected G and D (the seed's network). Uses the spec's hidden widths. */
    MLP,
    /**
     * Convolutional G (dense to 7x7xC, upsampling + convolution) and D (strided convolutions). Uses the channel
     * lists.
     */
    DCGAN
}

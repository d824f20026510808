package dev.digitgan.model.mnist;

/** The two MNIST splits and the base names of their IDX files. */
public enum MnistSplit {
    TRAIN("train"),
    TEST("t10k");

    private final String filePrefix;

    MnistSplit(String filePrefix) {
        this.filePrefix = filePrefix;
    }

    /** File name of the images, e.g. {@code train-images-idx3-ubyte}. */
    public String imagesFileName() {
        return filePrefix + "-images-idx3-ubyte";
    }

    /** File name of the labels, e.g. {@code train-labels-idx1-ubyte}. */
    public String labelsFileName() {
        return filePrefix + "-labels-idx1-ubyte";
    }
}

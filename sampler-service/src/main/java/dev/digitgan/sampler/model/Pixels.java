package dev.digitgan.sampler.model;

import java.util.List;

/**
 * Digits as numbers: each digit is 784 grey values, row-major, 0 black to 255 white (MNIST's convention).
 *
 * @param labels the digit each was drawn as, for a conditional model; null for an unconditional one
 */
public record Pixels(String modelVersion, long seed, int width, int height, List<int[]> digits,
                     List<Integer> labels) {
}

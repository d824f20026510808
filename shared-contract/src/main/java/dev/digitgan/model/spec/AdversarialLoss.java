package dev.digitgan.model.spec;

/**
 * What D's real/fake output is trained on, and so what G is trained towards. Targets stay the same in both: real 1,
 * generated 0, G's target 1 (the non-saturating form).
 */
public enum AdversarialLoss {
    /**
     * The seed's losses: D's output is a sigmoid probability, D minimises −log(D(x)) − log(1 − D(G(z))), G minimises
     * −log(D(G(z))).
     */
    CROSS_ENTROPY,
    /**
     * Least squares (LSGAN, Mao et al. 2017, targets a = 0, b = c = 1): D's output is a plain score, D minimises
     * (D(x) − 1)² + D(G(z))², G minimises (D(G(z)) − 1)².
     */
    LEAST_SQUARES
}

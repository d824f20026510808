package dev.digitgan.sampler.api;

/**
 * A validated request for digits, built by HTTP and gRPC alike from the parameters as they arrived. Each record's
 * {@code of(...)} factory is the one place its parameters are checked (first bad one wins, in component order, with
 * a {@link BadParameterException} naming it and its range); the canonical constructors do not check, so build
 * requests with {@code of}.
 */
public sealed interface RenderRequest
        permits GridRequest, DigitRequest, WalkRequest, PixelsRequest, NumberRequest, ClassesRequest {

    /** What rendering it costs, charged against admission control before the render. */
    long cost();
}

package dev.digitgan.trainer.training;

import dev.digitgan.model.events.GeneratorPart;

/**
 * A checkpoint as the bytes that are stored: the {@code CheckpointFormat} zip and the 8x8 grid PNG, and the zip's
 * first part that a sampler reads (announced in the checkpoint event).
 *
 * @param generatorPart null when unknown (the event then makes samplers read the whole object)
 */
record EncodedCheckpoint(byte[] zip, byte[] gridPng, GeneratorPart generatorPart) {
}

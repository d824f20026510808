package dev.digitgan.trainer.training;

/** A checkpoint as the bytes that are stored: the {@code CheckpointFormat} zip and the 8x8 grid PNG. */
record EncodedCheckpoint(byte[] zip, byte[] gridPng) {
}

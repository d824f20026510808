package dev.digitgan.model.train;

/**
 * What one training step reports, as the seed did (see {@link GanLosses}).
 *
 * @param dLoss D's loss on this step's real and generated batch, before D's update
 * @param gLoss G's loss on the G step's batch, after D's update and before G's
 * @param dOfX  mean D(x) over the real batch (before D's update)
 * @param dOfGz mean D(G(z)) over the generated batch of the D step (before D's update)
 */
public record StepResult(double dLoss, double gLoss, double dOfX, double dOfGz) {
}

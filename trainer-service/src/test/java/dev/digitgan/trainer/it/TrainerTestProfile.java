package dev.digitgan.trainer.it;

import dev.digitgan.trainer.TestData;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The one profile of every integration test class (so Quarkus starts once): test-only admin credentials, a fixed
 * instance id, and tiny runs (512 MNIST images: 8 steps per epoch at batch 64).
 */
public class TrainerTestProfile implements QuarkusTestProfile {

    public static final String ADMIN_USER = "test-admin";
    public static final String ADMIN_PASSWORD = "test-only-password";
    public static final String INSTANCE_ID = "test-app";
    public static final int TRAIN_IMAGES = 512;
    public static final int SCORE_SAMPLES = 200;
    public static final int FINAL_SAMPLES = 500;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "digitgan.trainer.admin.user", ADMIN_USER,
                "digitgan.trainer.admin.password", ADMIN_PASSWORD,
                "digitgan.trainer.instance-id", INSTANCE_ID,
                // The extra instances of QueueFixture leave runs RUNNING on purpose (a crash): not this one's to take.
                "digitgan.trainer.take-over-others", "false",
                "digitgan.trainer.max-train-images", Integer.toString(TRAIN_IMAGES),
                // small N keeps the tests fast; the default N is EvaluationProtocol's
                "digitgan.trainer.quality.checkpoint-samples", Integer.toString(SCORE_SAMPLES),
                "digitgan.trainer.quality.final-samples", Integer.toString(FINAL_SAMPLES),
                "digitgan.mnist.dir", TestData.mnistDir().toString());
    }
}

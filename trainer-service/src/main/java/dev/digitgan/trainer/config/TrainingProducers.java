package dev.digitgan.trainer.config;

import dev.digitgan.model.quality.EvaluationProtocol;
import dev.digitgan.model.quality.QualityEvaluator;
import dev.digitgan.trainer.kafka.KafkaRunWriters;
import dev.digitgan.trainer.kafka.RunWriters;
import dev.digitgan.trainer.kafka.TrainerEvents;
import dev.digitgan.trainer.storage.CheckpointStore;
import dev.digitgan.trainer.training.MnistSource;
import dev.digitgan.trainer.training.RunTrainer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's MNIST source and run trainer, from configuration. */
@ApplicationScoped
public class TrainingProducers {

    @Produces
    @Singleton
    MnistSource mnistSource(MnistConfig mnist, TrainerConfig config) {
        return new MnistSource(mnist.dir(), config.maxTrainImages());
    }

    @Produces
    @Singleton
    RunTrainer runTrainer(TrainerConfig config, TrainerEvents events, CheckpointStore store, MnistSource mnist,
                          @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        // Each run's statuses and checkpoint events in transactions of its own id, so that a take-over fences the
        // instance it took the run from (KafkaRunWriters).
        RunWriters writers = new KafkaRunWriters(bootstrapServers, config.instanceId(), events, config.kafkaAckWait());
        return new RunTrainer(new RunTrainer.Settings(config.instanceId(), config.checkpointOnShutdown(),
                config.maxLossEventsInFlight(), config.kafkaAckWait()), events, writers, store, mnist,
                scoring(config.quality()));
    }

    private static RunTrainer.Scoring scoring(TrainerConfig.Quality quality) {
        int checkpoint = quality.checkpointSamples().orElse(EvaluationProtocol.CHECKPOINT_SAMPLES);
        int last = quality.finalSamples().orElse(EvaluationProtocol.REPORT_SAMPLES);
        if (checkpoint == 0 && last == 0) {
            return RunTrainer.Scoring.NONE;
        }
        // Loaded once (SHA-256 checked, ~0.2 s); it scores on the training thread between steps.
        QualityEvaluator evaluator = QualityEvaluator.shipped();
        return new RunTrainer.Scoring(evaluator::score, checkpoint, last);
    }
}

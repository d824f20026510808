package dev.digitgan.trainer.training;

import dev.digitgan.trainer.config.TrainerConfig;
import dev.digitgan.trainer.events.TrainerEvents;
import dev.digitgan.trainer.storage.CheckpointStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's MNIST source and run trainer, from configuration. */
@ApplicationScoped
public class TrainingProducers {

    @Produces
    @Singleton
    MnistSource mnistSource(@ConfigProperty(name = "digitgan.mnist.dir") Path dir, TrainerConfig config) {
        return new MnistSource(dir, config.maxTrainImages());
    }

    @Produces
    @Singleton
    RunTrainer runTrainer(TrainerConfig config, TrainerEvents events, CheckpointStore store, MnistSource mnist) {
        return new RunTrainer(new RunTrainer.Settings(config.instanceId(), config.checkpointOnShutdown(),
                config.maxLossEventsInFlight()), events, store, mnist);
    }
}

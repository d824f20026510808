package dev.digitgan.trainer;

import dev.digitgan.trainer.cli.EvalCommand;
import dev.digitgan.trainer.cli.TrainCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Entry point of the trainer jar. With {@code train ...} it trains on the command line and exits (with
 * {@code eval ...} it scores a checkpoint or a running sampler), before Quarkus
 * starts anything: no HTTP server, no Kafka, no S3. Otherwise it runs the service.
 */
@QuarkusMain
public final class TrainerMain {

    private TrainerMain() {
    }

    public static void main(String... args) {
        if (args.length > 0 && "train".equals(args[0])) {
            System.exit(TrainCommand.run(System.out, System.err, Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && "eval".equals(args[0])) {
            System.exit(EvalCommand.run(System.out, System.err, Arrays.copyOfRange(args, 1, args.length)));
        }
        Quarkus.run(args);
    }
}

package dev.digitgan.stack;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Command-line options of {@link LocalStack#main(String[])}.
 *
 * @param dataDir             where Kafka and S3 keep their data across restarts
 * @param kafkaPort           Kafka client port (0: random)
 * @param kafkaControllerPort KRaft controller port (0: random)
 * @param s3Port              S3 port (0: random)
 * @param bucket              bucket created at start
 * @param envFile             where to also write the environment lines, if anywhere
 */
record LocalStackOptions(Path dataDir, int kafkaPort, int kafkaControllerPort, int s3Port, String bucket,
                         Optional<Path> envFile) {

    static final String USAGE = """
            usage: java -jar local-stack/target/stack/local-stack.jar [options]
              --data DIR               data folder, kept across restarts (default .stack)
              --kafka-port N           Kafka client port (default 9092, 0 = random)
              --kafka-controller-port N  KRaft controller port (default 9093, 0 = random)
              --s3-port N              S3 port (default 9000, 0 = random)
              --bucket NAME            bucket to create (default digitgan)
              --env-file FILE          also write the KEY=value lines to FILE (owner-only)
            S3 keys: DIGITGAN_S3_ACCESS_KEY / DIGITGAN_S3_SECRET_KEY if set, else generated once per data folder.
            Prints KEY=value lines for the services on stdout; Ctrl-C or SIGTERM stops both servers.""";

    LocalStackOptions {
        S3Admin.requireValidBucketName(bucket);
    }

    static boolean wantsHelp(String... args) {
        return java.util.Arrays.stream(args).anyMatch(a -> a.equals("-h") || a.equals("--help"));
    }

    /** @throws IllegalArgumentException with a message for the user on any bad or unknown option */
    static LocalStackOptions parse(String... args) {
        Path dataDir = Path.of(".stack");
        int kafkaPort = 9092;
        int controllerPort = 9093;
        int s3Port = 9000;
        String bucket = "digitgan";
        Optional<Path> envFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option + System.lineSeparator() + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--data" -> dataDir = Path.of(value);
                case "--kafka-port" -> kafkaPort = port(option, value);
                case "--kafka-controller-port" -> controllerPort = port(option, value);
                case "--s3-port" -> s3Port = port(option, value);
                case "--bucket" -> bucket = value;
                case "--env-file" -> envFile = Optional.of(Path.of(value));
                default -> throw new IllegalArgumentException(
                        "unknown option " + option + System.lineSeparator() + USAGE);
            }
        }
        return new LocalStackOptions(dataDir, kafkaPort, controllerPort, s3Port, bucket, envFile);
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " needs a port number 0..65535, got '" + value + "'");
    }
}

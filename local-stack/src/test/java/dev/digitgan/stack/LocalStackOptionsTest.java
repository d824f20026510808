package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    @Test
    void defaultsFollowTheConventions() {
        LocalStackOptions options = LocalStackOptions.parse();
        assertThat(options.dataDir()).isEqualTo(Path.of(".stack"));
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.kafkaControllerPort()).isEqualTo(9093);
        assertThat(options.s3Port()).isEqualTo(9000);
        assertThat(options.bucket()).isEqualTo("digitgan");
        assertThat(options.envFile()).isEmpty();
    }

    @Test
    void everyOptionIsRead() {
        LocalStackOptions options = LocalStackOptions.parse("--data", "/tmp/x", "--kafka-port", "0",
                "--kafka-controller-port", "19093", "--s3-port", "19000", "--bucket", "other",
                "--env-file", "stack.env");
        assertThat(options).isEqualTo(new LocalStackOptions(Path.of("/tmp/x"), 0, 19093, 19000, "other",
                java.util.Optional.of(Path.of("stack.env"))));
    }

    @Test
    void badInputIsExplained() {
        assertThatThrownBy(() -> LocalStackOptions.parse("--kafka-port", "ninety"))
                .hasMessageContaining("--kafka-port").hasMessageContaining("ninety");
        assertThatThrownBy(() -> LocalStackOptions.parse("--s3-port", "70000")).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> LocalStackOptions.parse("--data")).hasMessageContaining("missing value for --data");
        assertThatThrownBy(() -> LocalStackOptions.parse("--verbose", "1"))
                .hasMessageContaining("unknown option --verbose");
        assertThatThrownBy(() -> LocalStackOptions.parse("--bucket", "UPPER"))
                .hasMessageContaining("invalid S3 bucket name");
    }

    @Test
    void helpIsRecognisedAnywhere() {
        assertThat(LocalStackOptions.wantsHelp("--data", "x", "--help")).isTrue();
        assertThat(LocalStackOptions.wantsHelp("-h")).isTrue();
        assertThat(LocalStackOptions.wantsHelp("--data", "x")).isFalse();
    }
}

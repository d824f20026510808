package dev.digitgan.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackHomeTest {

    @TempDir
    Path tmp;

    private static Path fakeStack(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("kafka"));
        Files.createDirectories(dir.resolve("s3proxy"));
        Files.createFile(dir.resolve("kafka").resolve("kafka_2.13-4.1.2.jar"));
        Files.createFile(dir.resolve("kafka").resolve("kafka-clients-4.1.2.jar"));
        Files.createFile(dir.resolve("s3proxy").resolve("s3proxy.jar"));
        return dir;
    }

    @Test
    void explicitPropertyWins() throws IOException {
        Path explicit = fakeStack(tmp.resolve("explicit"));
        Path repo = tmp.resolve("repo");
        fakeStack(repo.resolve("local-stack/target/stack"));
        StackHome home = StackHome.locate(Map.of(StackHome.HOME_PROPERTY, explicit.toString(),
                StackHome.REPO_ROOT_PROPERTY, repo.toString())::get, tmp, Optional.empty());
        assertThat(home.dir()).isEqualTo(explicit.toAbsolutePath());
        assertThat(home.kafkaClasspath()).isEqualTo(explicit.resolve("kafka").resolve("*").toAbsolutePath().toString());
        assertThat(home.s3proxyJar()).isEqualTo(explicit.resolve("s3proxy/s3proxy.jar").toAbsolutePath());
    }

    @Test
    void aBrokenExplicitSettingIsAnErrorNotAFallback() throws IOException {
        Path repo = tmp.resolve("repo");
        fakeStack(repo.resolve("local-stack/target/stack"));
        assertThatThrownBy(() -> StackHome.locate(Map.of(StackHome.HOME_PROPERTY, tmp.resolve("nope").toString(),
                StackHome.REPO_ROOT_PROPERTY, repo.toString())::get, tmp, Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(StackHome.HOME_PROPERTY)
                .hasMessageContaining("mvn -pl local-stack package");
    }

    @Test
    void repoRootFromSurefire() throws IOException {
        Path repo = tmp.resolve("repo");
        Path stack = fakeStack(repo.resolve("local-stack/target/stack"));
        StackHome home = StackHome.locate(Map.of(StackHome.REPO_ROOT_PROPERTY, repo.toString())::get,
                tmp.resolve("elsewhere"), Optional.empty());
        assertThat(home.dir()).isEqualTo(stack.toAbsolutePath());
    }

    @Test
    void walksUpFromTheWorkingDirectory() throws IOException {
        Path repo = tmp.resolve("repo");
        Path stack = fakeStack(repo.resolve("local-stack/target/stack"));
        Path moduleDir = Files.createDirectories(repo.resolve("trainer-service/src"));
        StackHome home = StackHome.locate(Map.<String, String>of()::get, moduleDir, Optional.empty());
        assertThat(home.dir()).isEqualTo(stack.toAbsolutePath());
    }

    @Test
    void missingJarsNameEveryPlaceLookedAtAndTheFix() {
        Path repo = tmp.resolve("empty-repo");
        assertThatThrownBy(() -> StackHome.locate(Map.of(StackHome.REPO_ROOT_PROPERTY, repo.toString())::get,
                tmp, Optional.of(tmp.resolve("jar-folder"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mvn -pl local-stack package")
                .hasMessageContaining(repo.resolve("local-stack/target/stack/kafka").toString())
                .hasMessageContaining(tmp.resolve("jar-folder").toString());
    }

    @Test
    void staleSecondBrokerVersionIsRefused() throws IOException {
        Path stack = fakeStack(tmp.resolve("stack"));
        Files.createFile(stack.resolve("kafka").resolve("kafka_2.13-4.0.0.jar"));
        assertThat(new StackHome(stack).problem()).hasValueSatisfying(p -> assertThat(p).contains("clean package"));
    }

    @Test
    void theBuildOfThisModuleProducedAUsableStack() {
        // surefire sets digitgan.repo.root; the dependency plugin ran in generate-resources
        StackHome home = StackHome.locate();
        assertThat(home.problem()).isEmpty();
        assertThat(home.s3proxyMainClass()).isEqualTo("org.gaul.s3proxy.Main");
    }
}

package dev.digitgan.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Unit: which admin accounts a service refuses to start with, and what it says. */
class AdminPasswordCheckTest {

    private static final String GOOD = "Zq7mV2pXw9LkT4rB";

    private static AdminAccount trainer(String user, String password) {
        return new AdminAccount("digitgan.trainer.admin", Optional.ofNullable(user), Optional.ofNullable(password));
    }

    @Test
    void theEnvironmentNamesAreDerivedFromThePropertiesAsQuarkusDoes() {
        assertThat(trainer("a", "b").userEnv()).isEqualTo("DIGITGAN_TRAINER_ADMIN_USER");
        assertThat(new AdminAccount("digitgan.sampler.admin", Optional.empty(), Optional.empty()).passwordEnv())
                .isEqualTo("DIGITGAN_SAMPLER_ADMIN_PASSWORD");
    }

    @Test
    void anOwnLongPasswordIsAccepted() {
        assertThat(AdminPasswordCheck.refusal(trainer("ops", GOOD), false)).isEmpty();
    }

    @Test
    void aMissingUserOrPasswordIsRefusedNamingTheVariable() {
        assertThat(AdminPasswordCheck.refusal(trainer(null, GOOD), false)).get().asString()
                .startsWith("refusing to start: DIGITGAN_TRAINER_ADMIN_USER is not set.");
        assertThat(AdminPasswordCheck.refusal(trainer("ops", null), false)).get().asString()
                .contains("DIGITGAN_TRAINER_ADMIN_PASSWORD is not set")
                .contains("docs/deployment.md").contains("QUARKUS_PROFILE=dev");
        assertThat(AdminPasswordCheck.refusal(trainer("ops", "   "), false)).get().asString()
                .contains("DIGITGAN_TRAINER_ADMIN_PASSWORD is not set");
    }

    @Test
    void aShortPasswordIsRefusedWithItsLengthNotItsValue() {
        String refusal = AdminPasswordCheck.refusal(trainer("ops", "hunter2hunter2!"), false).orElseThrow();
        assertThat(refusal).contains("has 15 characters, fewer than 16").doesNotContain("hunter2");
        assertThat(AdminPasswordCheck.refusal(trainer("ops", "x".repeat(16)), false)).isEmpty();
    }

    @Test
    void aCommittedPasswordIsRefusedHoweverLong() {
        assertThat(AdminPasswordCheck.refusal(trainer("admin", "dev-only-a-long-development-password"), false))
                .get().asString().contains("committed to the repository").contains("'dev-only-'");
        assertThat(AdminPasswordCheck.refusal(trainer("admin", "test-only-password-of-a-test"), false)).isPresent();
    }

    @Test
    void everyAdminPasswordInDotEnvIsOneTheCheckRefuses() throws IOException {
        Map<String, String> env = Files.readAllLines(Path.of("..", ".env")).stream()
                .filter(l -> l.matches("[A-Z_]+=.*"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        List<String> adminPasswords = env.keySet().stream().filter(k -> k.matches("DIGITGAN_.*ADMIN_PASSWORD"))
                .sorted().toList();
        assertThat(adminPasswords)
                .containsExactly("DIGITGAN_SAMPLER_ADMIN_PASSWORD", "DIGITGAN_TRAINER_ADMIN_PASSWORD");
        for (String key : adminPasswords) {
            assertThat(AdminPasswordCheck.refusal(trainer("admin", env.get(key)), false)).as(key).get().asString()
                    .contains("committed to the repository");
        }
        assertThat(env.get("DIGITGAN_TRAINER_ADMIN_PASSWORD")).as("each service its own password")
                .isNotEqualTo(env.get("DIGITGAN_SAMPLER_ADMIN_PASSWORD"));
    }

    @Test
    void theRetiredSharedNamesAreMentionedWhenStillSet() {
        assertThat(AdminPasswordCheck.refusal(trainer(null, null), true)).get().asString()
                .contains("DIGITGAN_ADMIN_USER / DIGITGAN_ADMIN_PASSWORD are set but no longer read");
    }

    @Test
    void theCheckAppliesOutsideTheDevAndTestProfiles() {
        assertThat(AdminPasswordCheck.applies(List.of("prod"))).isTrue();
        assertThat(AdminPasswordCheck.applies(List.of())).isTrue();
        assertThat(AdminPasswordCheck.applies(List.of("dev"))).isFalse();
        assertThat(AdminPasswordCheck.applies(List.of("test"))).isFalse();
        assertThat(AdminPasswordCheck.applies(List.of("prod", "test"))).isFalse();
    }

    @Test
    void theAccountNeverPrintsItsPassword() {
        assertThat(trainer("ops", GOOD).toString()).contains("ops").doesNotContain(GOOD);
    }
}

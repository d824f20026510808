package dev.digitgan.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminCredentialsTest {

    private final AdminCredentials admin = AdminCredentials.of(Optional.of("admin"), Optional.of("s3cret"));

    @Test
    void theConfiguredUserWithItsPasswordMatches() {
        assertThat(admin.configured()).isTrue();
        assertThat(admin.matches("admin", "s3cret".toCharArray())).isTrue();
    }

    @Test
    void aWrongUserOrAWrongPasswordOrBothFail() {
        assertThat(admin.matches("root", "s3cret".toCharArray())).isFalse();
        assertThat(admin.matches("admin", "s3cre".toCharArray())).isFalse();
        assertThat(admin.matches("admin", "s3cret!".toCharArray())).isFalse();
        assertThat(admin.matches("root", "guess".toCharArray())).isFalse();
    }

    @Test
    void caseAndSurroundingSpaceCount() {
        assertThat(admin.matches("Admin", "s3cret".toCharArray())).isFalse();
        assertThat(admin.matches("admin", " s3cret".toCharArray())).isFalse();
    }

    @Test
    void missingCredentialsInTheRequestFail() {
        assertThat(admin.matches(null, null)).isFalse();
        assertThat(admin.matches("admin", null)).isFalse();
        assertThat(admin.matches(null, "s3cret".toCharArray())).isFalse();
    }

    @Test
    void aBlankUserOrPasswordMeansNoAccountAndEveryLoginFails() {
        for (AdminCredentials none : new AdminCredentials[] {
                AdminCredentials.of(Optional.empty(), Optional.empty()),
                AdminCredentials.of(Optional.of("admin"), Optional.empty()),
                AdminCredentials.of(Optional.of("admin"), Optional.of("   ")),
                AdminCredentials.of(Optional.of(" "), Optional.of("s3cret")),
                AdminCredentials.of(Optional.of(""), Optional.of(""))}) {
            assertThat(none.configured()).isFalse();
            assertThat(none.user()).isEmpty();
            assertThat(none.matches("admin", "s3cret".toCharArray())).isFalse();
            assertThat(none.matches("", "".toCharArray())).isFalse();
            assertThat(none.matches(" ", "   ".toCharArray())).isFalse();
        }
    }
}

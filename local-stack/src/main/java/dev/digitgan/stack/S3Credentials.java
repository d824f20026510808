package dev.digitgan.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;

/**
 * The access key and secret key the local S3 server accepts.
 *
 * @param accessKey the identity
 * @param secretKey the credential; never printed by {@link #toString()}
 */
public record S3Credentials(String accessKey, String secretKey) {

    public static final String ACCESS_KEY_ENV = "DIGITGAN_S3_ACCESS_KEY";
    public static final String SECRET_KEY_ENV = "DIGITGAN_S3_SECRET_KEY";

    private static final SecureRandom RANDOM = new SecureRandom();

    public S3Credentials {
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("S3 access key and secret key must both be non-blank");
        }
        if (accessKey.chars().anyMatch(Character::isWhitespace)
                || secretKey.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("S3 access key and secret key must not contain whitespace");
        }
    }

    /** Fresh random credentials (S3-like lengths: 20 and 40 characters). */
    public static S3Credentials random() {
        return new S3Credentials("dg" + hex(9), hex(20));
    }

    /**
     * For a user's stack kept in {@code dataDir}: the environment's {@value #ACCESS_KEY_ENV} and
     * {@value #SECRET_KEY_ENV} if both are set, else the ones generated for this data folder earlier,
     * else new random ones, saved (owner-only) so that services configured once keep working across
     * restarts.
     */
    static Source forDataDir(Map<String, String> env, Path dataDir) {
        String access = env.get(ACCESS_KEY_ENV);
        String secret = env.get(SECRET_KEY_ENV);
        if (access != null && !access.isBlank() && secret != null && !secret.isBlank()) {
            return new Source(new S3Credentials(access, secret), "environment");
        }
        if ((access != null && !access.isBlank()) != (secret != null && !secret.isBlank())) {
            throw new IllegalArgumentException(
                    "set both " + ACCESS_KEY_ENV + " and " + SECRET_KEY_ENV + ", or neither");
        }
        Path file = dataDir.resolve("s3").resolve("credentials.properties");
        if (Files.isRegularFile(file)) {
            return new Source(load(file), "generated earlier, " + file);
        }
        S3Credentials generated = random();
        generated.save(file);
        return new Source(generated, "generated, saved in " + file);
    }

    /**
     * Credentials and where they came from.
     *
     * @param credentials the credentials
     * @param origin      a phrase for the user
     */
    record Source(S3Credentials credentials, String origin) {
    }

    private static S3Credentials load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            return new S3Credentials(properties.getProperty("access-key"), properties.getProperty("secret-key"));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    file + " is damaged (" + e.getMessage() + "); delete it to generate new keys", e);
        }
    }

    private void save(Path file) {
        Properties properties = new Properties();
        properties.setProperty("access-key", accessKey);
        properties.setProperty("secret-key", secretKey);
        OwnerOnlyFiles.write(file, properties, "S3 credentials of this local stack");
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKey=" + accessKey + ", secretKey=***]";
    }
}

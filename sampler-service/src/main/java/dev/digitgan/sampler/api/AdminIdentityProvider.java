package dev.digitgan.sampler.api;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Basic-auth check for the one admin user, whose name and password come from configuration
 * ({@code DIGITGAN_ADMIN_USER} / {@code DIGITGAN_ADMIN_PASSWORD}). Without them every login fails, so
 * mutating endpoints stay closed rather than open.
 */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ADMIN_ROLE = "admin";
    private static final Logger LOG = Logger.getLogger(AdminIdentityProvider.class);

    private final Optional<String> user;
    private final Optional<String> password;

    public AdminIdentityProvider(@ConfigProperty(name = "digitgan.admin.user") Optional<String> user,
                                 @ConfigProperty(name = "digitgan.admin.password") Optional<String> password) {
        this.user = user.filter(u -> !u.isBlank());
        this.password = password.filter(p -> !p.isBlank());
        if (this.user.isEmpty() || this.password.isEmpty()) {
            LOG.warn("DIGITGAN_ADMIN_USER / DIGITGAN_ADMIN_PASSWORD not set: changing the version policy is disabled");
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        // Both comparisons always run (non-short-circuit &), so timing does not tell which one failed.
        boolean ok = user.isPresent() && password.isPresent()
                && (constantTimeEquals(user.get(), request.getUsername())
                & constantTimeEquals(password.get(), new String(request.getPassword().getPassword())));
        if (!ok) {
            return Uni.createFrom().failure(new AuthenticationFailedException("wrong user name or password"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(request.getUsername()))
                .addRole(ADMIN_ROLE)
                .build());
    }

    /** Compares digests so that timing reveals neither the length nor a common prefix of the secret. */
    private static boolean constantTimeEquals(String expected, String given) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest((given == null ? "" : given).getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

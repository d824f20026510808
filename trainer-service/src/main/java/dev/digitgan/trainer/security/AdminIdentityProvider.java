package dev.digitgan.trainer.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Checks HTTP basic credentials against the one admin account of the configuration
 * ({@code DIGITGAN_ADMIN_USER} / {@code DIGITGAN_ADMIN_PASSWORD}) and grants it the role {@code admin}. Without
 * both set, nobody can start or stop runs; the service still lists them.
 */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ROLE = "admin";
    private static final Logger LOG = Logger.getLogger(AdminIdentityProvider.class);

    private final Optional<String> user;
    private final Optional<String> password;

    public AdminIdentityProvider(@ConfigProperty(name = "digitgan.admin.user") Optional<String> user,
                                 @ConfigProperty(name = "digitgan.admin.password") Optional<String> password) {
        this.user = user.filter(u -> !u.isBlank());
        this.password = password.filter(p -> !p.isEmpty());
    }

    void warnIfUnset(@Observes StartupEvent event) {
        if (user.isEmpty() || password.isEmpty()) {
            LOG.warn("DIGITGAN_ADMIN_USER / DIGITGAN_ADMIN_PASSWORD not set: starting and stopping runs is refused");
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                                              AuthenticationRequestContext context) {
        if (user.isPresent() && password.isPresent()
                && matches(user.get(), request.getUsername())
                && matches(password.get(), new String(request.getPassword().getPassword()))) {
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(user.get()))
                    .addRole(ROLE)
                    .build());
        }
        return Uni.createFrom().failure(new AuthenticationFailedException("wrong user name or password"));
    }

    /** Constant-time comparison, so that response times do not reveal how much of a guess was right. */
    private static boolean matches(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8));
    }
}

package dev.digitgan.support.security;

import io.quarkus.arc.properties.IfBuildProperty;
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
import org.jboss.logging.Logger;

/**
 * Checks HTTP basic logins against {@link AdminCredentials} and grants the role {@link AdminCredentials#ROLE}.
 * Present only in a service that turns basic auth on ({@code quarkus.http.auth.basic=true}); metrics-service has no
 * admin endpoints and so no admin.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.http.auth.basic", stringValue = "true")
public class AdminIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(AdminIdentityProvider.class);

    private final AdminCredentials credentials;

    public AdminIdentityProvider(AdminConfig config) {
        this.credentials = AdminCredentials.of(config.user(), config.password());
    }

    void warnIfUnset(@Observes StartupEvent event) {
        if (!credentials.configured()) {
            LOG.warn("DIGITGAN_ADMIN_USER / DIGITGAN_ADMIN_PASSWORD not set (or blank): every admin endpoint refuses");
        }
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        if (!credentials.matches(request.getUsername(), request.getPassword().getPassword())) {
            return Uni.createFrom().failure(new AuthenticationFailedException("wrong user name or password"));
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(credentials.user().orElseThrow()))
                .addRole(AdminCredentials.ROLE)
                .build());
    }
}

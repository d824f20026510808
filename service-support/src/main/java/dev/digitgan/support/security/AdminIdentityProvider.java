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
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Checks HTTP basic logins against the service's {@link AdminAccount} and grants the role
 * {@link AdminCredentials#ROLE}; at start, outside the dev and test profiles, refuses to let the service start with an
 * account {@link AdminPasswordCheck} rejects. Present only in a service that turns basic auth on
 * ({@code quarkus.http.auth.basic=true}), which must produce its {@link AdminAccount}; metrics-service has no admin
 * endpoints and so no admin.
 */
@ApplicationScoped
@IfBuildProperty(name = "quarkus.http.auth.basic", stringValue = "true")
public class AdminIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private static final Logger LOG = Logger.getLogger(AdminIdentityProvider.class);

    private final AdminAccount account;
    private final AdminCredentials credentials;

    public AdminIdentityProvider(AdminAccount account) {
        this.account = account;
        this.credentials = account.credentials();
    }

    void checkAtStart(@Observes StartupEvent event) {
        List<String> profiles = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getProfiles();
        if (AdminPasswordCheck.applies(profiles)) {
            boolean retired = AdminPasswordCheck.RETIRED_NAMES.stream().anyMatch(n -> System.getenv(n) != null);
            AdminPasswordCheck.refusal(account, retired).ifPresent(why -> {
                throw new IllegalStateException(why);
            });
        } else if (!credentials.configured()) {
            LOG.warnf("%s / %s not set (or blank): every admin endpoint refuses", account.userEnv(),
                    account.passwordEnv());
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

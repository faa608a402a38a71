package nl.eentegeneenzaamheid.registry.access;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * The one bearer check, for HTTP requests ({@link SecurityConfiguration}) and WebSocket connections
 * ({@link WebSocketAuthentication}) alike: an access token looked up by its hash on every call, uncached, so that a
 * revocation counts at once, or with OIDC configured a JWT. Every failure counts against the client's address in
 * the failed-authentication limit.
 */
@Component
class BearerAuthentication {

    private final AccessTokenProjection tokens;
    private final Optional<OidcJwts> jwts;
    private final FailedAuthentications failures;
    private final Clock clock;

    BearerAuthentication(AccessTokenProjection tokens, Clock clock, Environment env, ResourceLoader resources,
                         @Value("${registry.auth.max-failures:30}") int maxFailures,
                         @Value("${registry.auth.failure-window:60s}") Duration window) {
        this.tokens = tokens;
        this.jwts = OidcJwts.from(env, resources);
        this.failures = new FailedAuthentications(maxFailures, window.toMillis(), clock);
        this.clock = clock;
    }

    /** Whether this client has failed too often lately; its token is then not even looked at. */
    boolean blocked(String client) {
        return failures.blocked(client);
    }

    /**
     * The caller the value of an {@code Authorization} header ({@code Bearer <secret>}) authenticates; empty (and a
     * failure recorded for {@code client}) when it authenticates nobody.
     */
    Optional<OidcJwts.Caller> authenticateHeader(String header, String client) {
        String secret = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim()
                : "";
        return authenticateSecret(secret, client);
    }

    /** As {@link #authenticateHeader}, for a bare secret. */
    Optional<OidcJwts.Caller> authenticateSecret(String secret, String client) {
        Optional<OidcJwts.Caller> caller = authenticate(secret == null ? "" : secret.trim());
        if (caller.isEmpty()) {
            failures.record(client);
        }
        return caller;
    }

    /** What Spring Security holds for an authenticated caller; {@code Access.actor()} reads the principal. */
    static Authentication authentication(OidcJwts.Caller caller) {
        Actor actor = caller.actor();
        var authentication = new PreAuthenticatedAuthenticationToken(
                actor, null, List.of(new SimpleGrantedAuthority("ROLE_" + actor.role())));
        // The name `me` shows for a JWT (there is no label for it in the token registry).
        authentication.setDetails(caller);
        return authentication;
    }

    private Optional<OidcJwts.Caller> authenticate(String secret) {
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        if (jwts.isPresent() && OidcJwts.looksLikeJwt(secret)) {
            return jwts.get().authenticate(secret);
        }
        if (secret.length() > 200) {
            return Optional.empty();
        }
        return tokens.bySecretHash(Secrets.hash(secret)).filter(t -> t.validAt(clock.instant()))
                     .map(t -> new OidcJwts.Caller(new Actor(t.id(), t.role().name(), t.organisationId()), null));
    }
}

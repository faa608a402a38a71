package nl.eentegeneenzaamheid.registry.access;

import java.time.Clock;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import org.springframework.stereotype.Component;

/**
 * Whether the token behind an actor still counts, for work that outlives the request that started it (a running
 * subscription): looked up uncached, like every request's token, so a revocation counts at once.
 */
@Component
public class ActiveTokens {

    private final AccessTokenProjection tokens;
    private final Clock clock;

    ActiveTokens(AccessTokenProjection tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /**
     * False once the actor's access token is revoked or expired. A JWT's actor ({@code issuer|subject}) has no token
     * in the registry and stays valid: a JWT cannot be revoked here (docs/security.md).
     */
    public boolean stillActive(Actor actor) {
        return tokens.byId(actor.id()).map(token -> token.validAt(clock.instant())).orElse(actor.id().contains("|"));
    }
}

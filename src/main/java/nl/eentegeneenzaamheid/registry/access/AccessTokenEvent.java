package nl.eentegeneenzaamheid.registry.access;

import java.time.Instant;
import nl.eentegeneenzaamheid.registry.common.Role;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.axonframework.serialization.Revision;

/**
 * What happened to an access token. No label here: a label names a person, and the log keeps no personal data (the
 * label lives in {@link TokenLabels}, where it can be erased). The secret itself is never recorded, only its SHA-256.
 */
public sealed interface AccessTokenEvent {

    String tokenId();

    /** {@code organisationId} is set for a PARTNER token only; {@code expiresAt} is optional. */
    @Revision("1")
    record AccessTokenIssued(String tokenId, Role role, OrganisationId organisationId, String secretHash,
                             Instant expiresAt) implements AccessTokenEvent {
    }

    @Revision("1")
    record AccessTokenRevoked(String tokenId) implements AccessTokenEvent {
    }
}

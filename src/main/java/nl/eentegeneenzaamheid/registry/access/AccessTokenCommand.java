package nl.eentegeneenzaamheid.registry.access;

import java.time.Instant;
import nl.eentegeneenzaamheid.registry.common.Role;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

sealed interface AccessTokenCommand {

    record IssueAccessToken(@TargetAggregateIdentifier String tokenId, Role role, OrganisationId organisationId,
                            String label, String secretHash, Instant expiresAt) implements AccessTokenCommand {
    }

    record RevokeAccessToken(@TargetAggregateIdentifier String tokenId) implements AccessTokenCommand {
    }
}

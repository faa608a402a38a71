package nl.eentegeneenzaamheid.registry.access;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import nl.eentegeneenzaamheid.registry.access.AccessTokenCommand.IssueAccessToken;
import nl.eentegeneenzaamheid.registry.access.AccessTokenCommand.RevokeAccessToken;
import nl.eentegeneenzaamheid.registry.access.AccessTokenEvent.AccessTokenIssued;
import nl.eentegeneenzaamheid.registry.access.AccessTokenEvent.AccessTokenRevoked;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Role;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

@Aggregate
class AccessToken {

    @AggregateIdentifier
    private String tokenId;
    private boolean revoked;

    AccessToken() {
        // for Axon
    }

    @CommandHandler
    AccessToken(IssueAccessToken command, OrganisationDirectory organisations, TokenLabels labels) {
        if (command.role() == null) {
            throw RegistryException.validation("role is required");
        }
        if (command.role() == Role.PARTNER) {
            if (command.organisationId() == null) {
                throw RegistryException.validation("A PARTNER token needs organisationId: the organisation it acts for");
            }
            if (organisations.find(command.organisationId().value()).isEmpty()) {
                throw RegistryException.notFound("No organisation with id " + command.organisationId());
            }
        } else if (command.organisationId() != null) {
            throw RegistryException.validation("Only a PARTNER token acts for an organisation; leave organisationId out"
                                               + " for " + command.role());
        }
        labels.claim(command.label(), command.tokenId());
        apply(new AccessTokenIssued(command.tokenId(), command.role(), command.organisationId(), command.secretHash(),
                                    command.expiresAt()));
    }

    @CommandHandler
    void handle(RevokeAccessToken command) {
        if (!revoked) {
            apply(new AccessTokenRevoked(tokenId));
        }
    }

    @EventSourcingHandler
    void on(AccessTokenIssued event) {
        tokenId = event.tokenId();
    }

    @EventSourcingHandler
    void on(AccessTokenRevoked event) {
        revoked = true;
    }
}

package nl.eentegeneenzaamheid.registry.collaboration;

import java.time.LocalDate;
import java.util.List;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of a collaboration; public for the CSV import, which sends them too. */
public sealed interface CollaborationCommand {

    CollaborationId collaborationId();

    /** {@code proposedBy} is a party even when {@code partyIds} leaves it out; it confirms by proposing. */
    record ProposeCollaboration(@TargetAggregateIdentifier CollaborationId collaborationId, String title,
                                String description, OrganisationId proposedBy, List<OrganisationId> partyIds,
                                List<String> municipalityCodes, LocalDate startsOn) implements CollaborationCommand {
    }

    /** A party confirms on its own behalf. */
    record ConfirmCollaboration(@TargetAggregateIdentifier CollaborationId collaborationId,
                                OrganisationId organisationId) implements CollaborationCommand {
    }

    record DeclineCollaboration(@TargetAggregateIdentifier CollaborationId collaborationId,
                                OrganisationId organisationId, String reason) implements CollaborationCommand {
    }

    /** {@code endedOn} is the first day it no longer runs. */
    record EndCollaboration(@TargetAggregateIdentifier CollaborationId collaborationId, LocalDate endedOn,
                            String reason) implements CollaborationCommand {
    }
}

package nl.eentegeneenzaamheid.registry.collaboration;

import java.time.LocalDate;
import java.util.List;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.axonframework.serialization.Revision;

/**
 * What happened to a collaboration between organisations. Every event names the organisations it concerns
 * ({@code proposedBy}, {@code partyIds}, {@code organisationId}), so that each party's history finds it.
 */
public sealed interface CollaborationEvent {

    CollaborationId collaborationId();

    /** {@code partyIds}: every party, the proposer first; the proposer has confirmed by proposing. */
    @Revision("1")
    record CollaborationProposed(CollaborationId collaborationId, String title, String description,
                                 OrganisationId proposedBy, List<OrganisationId> partyIds,
                                 List<String> municipalityCodes, LocalDate startsOn) implements CollaborationEvent {
    }

    /** {@code confirmedOn}: the Europe/Amsterdam date on which the party confirmed. */
    @Revision("1")
    record CollaborationConfirmed(CollaborationId collaborationId, OrganisationId organisationId,
                                  LocalDate confirmedOn) implements CollaborationEvent {
    }

    /**
     * Every party has confirmed: the collaboration runs from {@code activeFrom}, its {@code startsOn} if it had one,
     * else the day the last party confirmed.
     */
    @Revision("1")
    record CollaborationActivated(CollaborationId collaborationId, List<OrganisationId> partyIds,
                                  LocalDate activeFrom) implements CollaborationEvent {
    }

    @Revision("1")
    record CollaborationDeclined(CollaborationId collaborationId, OrganisationId organisationId,
                                 LocalDate declinedOn, String reason) implements CollaborationEvent {
    }

    /** {@code endedOn} is the first day it no longer runs. */
    @Revision("1")
    record CollaborationEnded(CollaborationId collaborationId, List<OrganisationId> partyIds, LocalDate endedOn,
                              String reason) implements CollaborationEvent {
    }
}

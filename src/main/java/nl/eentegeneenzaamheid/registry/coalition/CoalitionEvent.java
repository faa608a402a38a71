package nl.eentegeneenzaamheid.registry.coalition;

import java.time.LocalDate;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.axonframework.serialization.Revision;

/** What happened in a coalition: the National Coalition or a local one. */
public sealed interface CoalitionEvent {

    CoalitionId coalitionId();

    /** {@code municipalityCode} and {@code phase} for a LOCAL coalition only. */
    @Revision("1")
    record CoalitionFounded(CoalitionId coalitionId, CoalitionKind kind, String name, String municipalityCode,
                            LocalDate foundedOn, LocalCoalitionPhase phase) implements CoalitionEvent {
    }

    /** A new membership period starts; {@code partyType} and {@code role} for local coalitions. */
    @Revision("1")
    record MemberJoined(CoalitionId coalitionId, OrganisationId organisationId, LocalDate joinedOn,
                        PartyType partyType, ContributionRole role) implements CoalitionEvent {
    }

    /** The current period ends: {@code leftOn} is the first day the organisation is no longer a member. */
    @Revision("1")
    record MemberLeft(CoalitionId coalitionId, OrganisationId organisationId, LocalDate leftOn, String reason)
            implements CoalitionEvent {
    }

    /** A correction of the current period's start; the earlier date stays in the log. */
    @Revision("1")
    record JoinDateCorrected(CoalitionId coalitionId, OrganisationId organisationId, LocalDate previousJoinedOn,
                             LocalDate joinedOn, String reason) implements CoalitionEvent {
    }

    /** The lead (kartrekker) of a local coalition from {@code since} on. */
    @Revision("1")
    record LeadAssigned(CoalitionId coalitionId, OrganisationId organisationId, LocalDate since)
            implements CoalitionEvent {
    }

    @Revision("1")
    record PhaseChanged(CoalitionId coalitionId, LocalCoalitionPhase phase, LocalDate on) implements CoalitionEvent {
    }

    /** After a municipal reorganisation the coalition belongs to the receiving municipality from {@code on}. */
    @Revision("1")
    record CoalitionMoved(CoalitionId coalitionId, String fromMunicipalityCode, String toMunicipalityCode,
                          LocalDate on) implements CoalitionEvent {
    }

    /**
     * Coalitions met in one municipality after a reorganisation: this one ends on {@code on}, its members having
     * joined {@code intoCoalitionId} (the earliest founded) on that day.
     */
    @Revision("1")
    record CoalitionCombined(CoalitionId coalitionId, CoalitionId intoCoalitionId, LocalDate on)
            implements CoalitionEvent {
    }
}

package nl.eentegeneenzaamheid.registry.coalition;

import java.time.LocalDate;
import java.util.List;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What can be asked of a coalition. */
public sealed interface CoalitionCommand {

    CoalitionId coalitionId();

    /** Founds the National Coalition once; sending it again changes nothing. */
    record FoundNationalCoalition() implements CoalitionCommand {

        static final String NAME = "Nationale Coalitie tegen Eenzaamheid";
        static final LocalDate FOUNDED_ON = LocalDate.of(2018, 1, 1);

        @Override
        @TargetAggregateIdentifier
        public CoalitionId coalitionId() {
            return CoalitionId.NATIONAL;
        }
    }

    /** {@code name} null: "Lokale coalitie <municipality name>". */
    record FoundLocalCoalition(@TargetAggregateIdentifier CoalitionId coalitionId, String municipalityCode,
                               String name, LocalDate foundedOn, LocalCoalitionPhase phase)
            implements CoalitionCommand {
    }

    record JoinNationalCoalition(OrganisationId organisationId, LocalDate joinedOn) implements CoalitionCommand {

        @Override
        @TargetAggregateIdentifier
        public CoalitionId coalitionId() {
            return CoalitionId.NATIONAL;
        }
    }

    /** {@code role} null: ACTIVE. */
    record JoinLocalCoalition(@TargetAggregateIdentifier CoalitionId coalitionId, OrganisationId organisationId,
                              LocalDate joinedOn, PartyType partyType, ContributionRole role)
            implements CoalitionCommand {
    }

    record LeaveCoalition(@TargetAggregateIdentifier CoalitionId coalitionId, OrganisationId organisationId,
                          LocalDate leftOn, String reason) implements CoalitionCommand {
    }

    record CorrectJoinDate(@TargetAggregateIdentifier CoalitionId coalitionId, OrganisationId organisationId,
                           LocalDate joinedOn, String reason) implements CoalitionCommand {
    }

    record AssignLead(@TargetAggregateIdentifier CoalitionId coalitionId, OrganisationId organisationId,
                      LocalDate since) implements CoalitionCommand {
    }

    record ChangePhase(@TargetAggregateIdentifier CoalitionId coalitionId, LocalCoalitionPhase phase, LocalDate on)
            implements CoalitionCommand {
    }

    /** Sent by the reorganisation policy: the coalition's municipality was dissolved into {@code toMunicipalityCode}. */
    record MoveCoalition(@TargetAggregateIdentifier CoalitionId coalitionId, String toMunicipalityCode, LocalDate on)
            implements CoalitionCommand {
    }

    /**
     * Sent by the reorganisation policy: the coalition ends on {@code on}, its members leaving it. The result is the
     * list of {@link Transfer}s the surviving coalition absorbs; sending it again returns the same list.
     */
    record CombineCoalition(@TargetAggregateIdentifier CoalitionId coalitionId, CoalitionId intoCoalitionId,
                            LocalDate on) implements CoalitionCommand {
    }

    /** Sent by the reorganisation policy: the members of a combined coalition join this one on {@code on}. */
    record AbsorbMembers(@TargetAggregateIdentifier CoalitionId coalitionId, List<Transfer> members, LocalDate on)
            implements CoalitionCommand {
    }

    /** A member carried over from a combined coalition, with its part in it. */
    record Transfer(OrganisationId organisationId, PartyType partyType, ContributionRole role) {
    }
}

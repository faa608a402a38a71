package nl.eentegeneenzaamheid.registry.pilot;

import java.time.LocalDate;
import java.util.List;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What the programme team records about a pilot of a national partner; public for the CSV import. */
public sealed interface PilotCommand {

    PilotId pilotId();

    record StartPilot(@TargetAggregateIdentifier PilotId pilotId, String title, OrganisationId nationalPartnerId,
                      List<OrganisationId> partnerIds, List<String> municipalityCodes, LocalDate startedOn,
                      String goal) implements PilotCommand {
    }

    record ExtendPilot(@TargetAggregateIdentifier PilotId pilotId, List<String> municipalityCodes, LocalDate on)
            implements PilotCommand {
    }

    record EvaluatePilot(@TargetAggregateIdentifier PilotId pilotId, LocalDate on, String outcome)
            implements PilotCommand {
    }

    record ConvertPilotToProject(@TargetAggregateIdentifier PilotId pilotId, LocalDate on) implements PilotCommand {
    }

    /** {@code on} is the first day it no longer runs. */
    record StopPilot(@TargetAggregateIdentifier PilotId pilotId, LocalDate on, String reason)
            implements PilotCommand {
    }
}

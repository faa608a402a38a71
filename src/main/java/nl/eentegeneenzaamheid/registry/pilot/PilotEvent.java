package nl.eentegeneenzaamheid.registry.pilot;

import java.time.LocalDate;
import java.util.List;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.axonframework.serialization.Revision;

/**
 * What happened to a pilot. Every event names its national partner ({@code nationalPartnerId}), so that the
 * partner's history shows the whole lifecycle; {@code PilotStarted} names the co-partners too ({@code partnerIds}).
 */
public sealed interface PilotEvent {

    PilotId pilotId();

    OrganisationId nationalPartnerId();

    @Revision("1")
    record PilotStarted(PilotId pilotId, String title, OrganisationId nationalPartnerId,
                        List<OrganisationId> partnerIds, List<String> municipalityCodes, LocalDate startedOn,
                        String goal) implements PilotEvent {
    }

    /** It runs in {@code municipalityCodes} too from {@code on}. */
    @Revision("1")
    record PilotExtended(PilotId pilotId, OrganisationId nationalPartnerId, List<String> municipalityCodes,
                         LocalDate on) implements PilotEvent {
    }

    @Revision("1")
    record PilotEvaluated(PilotId pilotId, OrganisationId nationalPartnerId, LocalDate on, String outcome)
            implements PilotEvent {
    }

    /** From {@code on} it is a durable project: no longer a running pilot, its municipalities kept. */
    @Revision("1")
    record PilotConvertedToProject(PilotId pilotId, OrganisationId nationalPartnerId, LocalDate on)
            implements PilotEvent {
    }

    /** {@code on} is the first day it no longer runs anywhere. */
    @Revision("1")
    record PilotStopped(PilotId pilotId, OrganisationId nationalPartnerId, LocalDate on, String reason)
            implements PilotEvent {
    }
}

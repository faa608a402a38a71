package nl.eentegeneenzaamheid.registry.collaboration;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.ConfirmCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.DeclineCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.EndCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.ProposeCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationActivated;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationConfirmed;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationDeclined;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationEnded;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationProposed;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Text;
import nl.eentegeneenzaamheid.registry.common.TimeAxes;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A collaboration between at least two distinct organisations. Decisions made here:
 * <ul>
 *   <li>the proposer is a party, confirmed by proposing; every other party confirms or declines on its own behalf;</li>
 *   <li>the last confirmation makes it ACTIVE, from {@code startsOn} or else from the day of that confirmation
 *       (the Europe/Amsterdam date); one decline makes it DECLINED;</li>
 *   <li>only an ACTIVE collaboration can be ended, on a day after it became active (CONFLICT / VALIDATION).</li>
 * </ul>
 */
@Aggregate
class Collaboration {

    @AggregateIdentifier
    private CollaborationId collaborationId;
    private String title;
    /** Party id to whether it confirmed, in the order named (proposer first). */
    private Map<String, Boolean> parties = new LinkedHashMap<>();
    private LocalDate startsOn;
    private LocalDate activeFrom;
    private CollaborationStatus status;

    Collaboration() {
        // for Axon
    }

    @CommandHandler
    Collaboration(ProposeCollaboration command, OrganisationDirectory organisations,
                  MunicipalityDirectory municipalities) {
        String title = Text.requireName("title", command.title());
        if (command.proposedBy() == null) {
            throw RegistryException.validation("proposedBy is required: the organisation that proposes");
        }
        Set<OrganisationId> parties = new LinkedHashSet<>();
        parties.add(command.proposedBy());
        if (command.partyIds() != null) {
            parties.addAll(command.partyIds());
        }
        if (parties.size() < 2) {
            throw RegistryException.validation("A collaboration involves at least two distinct organisations; name "
                                               + "the other parties in partyIds (the proposer is a party anyway)");
        }
        List<String> ids = parties.stream().map(OrganisationId::value).toList();
        Set<String> known = organisations.findAll(ids).keySet();
        List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw RegistryException.notFound("No organisation with id " + String.join(", ", unknown));
        }
        List<String> codes = command.municipalityCodes() == null ? List.of()
                : List.copyOf(new LinkedHashSet<>(command.municipalityCodes()));
        Set<String> knownCodes = municipalities.findAll(codes).keySet();
        List<String> unknownCodes = codes.stream().filter(code -> !knownCodes.contains(code)).toList();
        if (!unknownCodes.isEmpty()) {
            throw RegistryException.notFound("No municipality with code " + String.join(", ", unknownCodes)
                                             + " (use the CBS code, e.g. GM0363)");
        }
        String description = command.description() == null || command.description().isBlank() ? null
                : command.description().trim();
        apply(new CollaborationProposed(command.collaborationId(), title, description, command.proposedBy(),
                                        List.copyOf(parties), codes, command.startsOn()));
    }

    @CommandHandler
    void handle(ConfirmCollaboration command, Clock clock) {
        String party = requirePending(command.organisationId(), "confirm");
        if (parties.get(party)) {
            throw RegistryException.conflict(party + " has already confirmed " + title
                                             + "; it waits for the other parties");
        }
        LocalDate today = TimeAxes.today(clock);
        apply(new CollaborationConfirmed(collaborationId, command.organisationId(), today));
        boolean last = parties.entrySet().stream().allMatch(e -> e.getValue() || e.getKey().equals(party));
        if (last) {
            apply(new CollaborationActivated(collaborationId, partyIds(), startsOn != null ? startsOn : today));
        }
    }

    @CommandHandler
    void handle(DeclineCollaboration command, Clock clock) {
        String party = requirePending(command.organisationId(), "decline");
        if (parties.get(party)) {
            throw RegistryException.conflict(party + " has already confirmed " + title
                                             + "; once it runs, any party may end it (endCollaboration)");
        }
        apply(new CollaborationDeclined(collaborationId, command.organisationId(), TimeAxes.today(clock),
                                        trimmed(command.reason())));
    }

    @CommandHandler
    void handle(EndCollaboration command) {
        if (command.endedOn() == null) {
            throw RegistryException.validation("endedOn is required: the first day the collaboration no longer runs");
        }
        if (status != CollaborationStatus.ACTIVE) {
            throw RegistryException.conflict(title + " is " + status + "; only an ACTIVE collaboration can be ended"
                                             + (status == CollaborationStatus.PROPOSED
                                                     ? " (a party that does not want it declines instead)" : ""));
        }
        if (!command.endedOn().isAfter(activeFrom)) {
            throw RegistryException.validation("endedOn is the first day it no longer runs and must be after "
                                               + activeFrom + ", the day it became active; got " + command.endedOn());
        }
        apply(new CollaborationEnded(collaborationId, partyIds(), command.endedOn(), trimmed(command.reason())));
    }

    /** The party's id, once it is sure that the organisation is a party and the collaboration awaits answers. */
    private String requirePending(OrganisationId organisationId, String what) {
        if (organisationId == null) {
            throw RegistryException.validation("organisationId is required: the party that answers");
        }
        String party = organisationId.value();
        if (!parties.containsKey(party)) {
            throw RegistryException.validation(party + " is not a party of " + title + "; its parties are "
                                               + String.join(", ", parties.keySet()));
        }
        if (status != CollaborationStatus.PROPOSED) {
            throw RegistryException.conflict(title + " is already " + status + "; only a PROPOSED collaboration can "
                                             + "be confirmed or declined, so " + what + " changes nothing");
        }
        return party;
    }

    private List<OrganisationId> partyIds() {
        return parties.keySet().stream().map(OrganisationId::new).toList();
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    @EventSourcingHandler
    void on(CollaborationProposed event) {
        collaborationId = event.collaborationId();
        title = event.title();
        startsOn = event.startsOn();
        parties = new LinkedHashMap<>();
        event.partyIds().forEach(party -> parties.put(party.value(), party.equals(event.proposedBy())));
        status = CollaborationStatus.PROPOSED;
    }

    @EventSourcingHandler
    void on(CollaborationConfirmed event) {
        parties.put(event.organisationId().value(), true);
    }

    @EventSourcingHandler
    void on(CollaborationActivated event) {
        status = CollaborationStatus.ACTIVE;
        activeFrom = event.activeFrom();
    }

    @EventSourcingHandler
    void on(CollaborationDeclined event) {
        status = CollaborationStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(CollaborationEnded event) {
        status = CollaborationStatus.ENDED;
    }
}

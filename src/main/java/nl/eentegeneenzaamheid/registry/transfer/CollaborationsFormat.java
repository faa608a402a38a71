package nl.eentegeneenzaamheid.registry.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.ConfirmCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.DeclineCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.EndCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationCommand.ProposeCollaboration;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationId;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationStatus;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationView;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Text;
import nl.eentegeneenzaamheid.registry.common.TimeAxes;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.springframework.stereotype.Component;

/**
 * {@code collaborationKey,event,date,orgKey,partyKeys,municipalityCodes,title,description,reason}: collaborations
 * proposed (PROPOSE), the other parties' answers (CONFIRM, DECLINE) and their end (END). Each event uses the columns
 * it needs; lists are separated by {@code ;}.
 */
@Component
class CollaborationsFormat implements Format {

    /** In this order on one day: proposed before answered, answered before ended. */
    enum Event { PROPOSE, CONFIRM, DECLINE, END }

    @Override
    public Kind kind() {
        return Kind.COLLABORATIONS;
    }

    @Override
    public List<String> columns() {
        return List.of("collaborationKey", "event", "date", "orgKey", "partyKeys", "municipalityCodes", "title",
                       "description", "reason");
    }

    @Override
    public List<String> optionalColumns() {
        return List.of("orgKey", "partyKeys", "municipalityCodes", "title", "description", "reason");
    }

    @Override
    public Step plan(Row row, RegistryState state) {
        CollaborationId id = Keys.collaboration(row.required("collaborationKey"));
        Event event = row.requiredEnum("event", Event.class);
        LocalDate date = row.requiredDate("date");
        if (event == Event.PROPOSE) {
            return propose(row, state, id, date);
        }
        RegistryState.Collaboration collaboration = state.collaborations().get(id.value());
        if (collaboration == null) {
            throw RegistryException.notFound("No collaboration " + id + " in the registry or in the rows before "
                                             + "(propose it with a PROPOSE row)");
        }
        if (event == Event.END) {
            return end(row, collaboration, id, date);
        }
        OrganisationId organisationId = Keys.organisation(row.required("orgKey"));
        String party = organisationId.value();
        Boolean answer = collaboration.answers.get(party);
        // The same answer again is the row of an earlier import; the proposer's own confirmation is not (it
        // confirmed by proposing), so the aggregate's refusal applies to it.
        if (answer != null && answer == (event == Event.CONFIRM) && !party.equals(collaboration.proposedBy)) {
            return Step.ALREADY_RECORDED;
        }
        // The aggregate's checks, in its order and with its words.
        if (!collaboration.answers.containsKey(party)) {
            throw RegistryException.validation(party + " is not a party of " + collaboration.title
                                               + "; its parties are "
                                               + String.join(", ", collaboration.answers.keySet()));
        }
        String what = event == Event.CONFIRM ? "confirm" : "decline";
        if (collaboration.status != CollaborationStatus.PROPOSED) {
            throw RegistryException.conflict(collaboration.title + " is already " + collaboration.status
                                             + "; only a PROPOSED collaboration can be confirmed or declined, so "
                                             + what + " changes nothing");
        }
        if (Boolean.TRUE.equals(answer)) {
            throw RegistryException.conflict(party + " has already confirmed " + collaboration.title
                                             + (event == Event.CONFIRM ? "; it waits for the other parties"
                    : "; once it runs, any party may end it (endCollaboration)"));
        }
        if (event == Event.DECLINE) {
            String reason = row.get("reason");
            collaboration.answers.put(party, false);
            collaboration.status = CollaborationStatus.DECLINED;
            return new Step("declineCollaboration", () -> new DeclineCollaboration(id, organisationId, reason));
        }
        collaboration.answers.put(party, true);
        if (collaboration.answers.values().stream().allMatch(Boolean.TRUE::equals)) {
            collaboration.status = CollaborationStatus.ACTIVE;
            // Without startsOn it becomes active on the day the command is recorded: the aggregate decides.
            collaboration.activeFrom = collaboration.startsOn;
        }
        return new Step("confirmCollaboration", () -> new ConfirmCollaboration(id, organisationId));
    }

    private static Step propose(Row row, RegistryState state, CollaborationId id, LocalDate startsOn) {
        String title = Text.requireName("title", row.get("title"));
        OrganisationId proposedBy = Keys.organisation(row.required("orgKey"));
        RegistryState.Collaboration existing = state.collaborations().get(id.value());
        if (existing != null) {
            if (existing.title.equals(title) && existing.proposedBy.equals(proposedBy.value())) {
                return Step.ALREADY_RECORDED;
            }
            throw RegistryException.conflict("collaborationKey " + row.get("collaborationKey") + " is already the "
                                             + "collaboration " + existing.title + " proposed by "
                                             + existing.proposedBy + ", " + id);
        }
        Set<OrganisationId> parties = new LinkedHashSet<>();
        parties.add(proposedBy);
        row.list("partyKeys").forEach(key -> parties.add(Keys.organisation(key)));
        if (parties.size() < 2) {
            throw RegistryException.validation("A collaboration involves at least two distinct organisations; name "
                                               + "the other parties in partyKeys (the proposer is a party anyway)");
        }
        List<String> ids = parties.stream().map(OrganisationId::value).toList();
        state.requireOrganisations(ids);
        List<String> codes = List.copyOf(new LinkedHashSet<>(row.list("municipalityCodes")));
        state.requireMunicipalities(codes);
        String description = row.get("description");
        RegistryState.Collaboration collaboration = new RegistryState.Collaboration(
                title, proposedBy.value(), startsOn, CollaborationStatus.PROPOSED);
        ids.forEach(party -> collaboration.answers.put(party, party.equals(proposedBy.value()) ? true : null));
        state.collaborations().put(id.value(), collaboration);
        List<OrganisationId> partyIds = List.copyOf(parties);
        return new Step("proposeCollaboration", () -> new ProposeCollaboration(
                id, title, description, proposedBy, partyIds.subList(1, partyIds.size()), codes, startsOn));
    }

    private static Step end(Row row, RegistryState.Collaboration collaboration, CollaborationId id,
                            LocalDate endedOn) {
        if (collaboration.status == CollaborationStatus.ENDED && endedOn.equals(collaboration.endedOn)) {
            return Step.ALREADY_RECORDED;
        }
        if (collaboration.status != CollaborationStatus.ACTIVE) {
            throw RegistryException.conflict(collaboration.title + " is " + collaboration.status
                                             + "; only an ACTIVE collaboration can be ended"
                                             + (collaboration.status == CollaborationStatus.PROPOSED
                    ? " (a party that does not want it declines instead)" : ""));
        }
        if (collaboration.activeFrom != null && !endedOn.isAfter(collaboration.activeFrom)) {
            throw RegistryException.validation("endedOn is the first day it no longer runs and must be after "
                                               + collaboration.activeFrom + ", the day it became active; got "
                                               + endedOn);
        }
        String reason = row.get("reason");
        collaboration.status = CollaborationStatus.ENDED;
        collaboration.endedOn = endedOn;
        return new Step("endCollaboration", () -> new EndCollaboration(id, endedOn, reason));
    }

    /**
     * Each collaboration proposed by {@code knownAt}, with the answers recorded by then and its end as far as it lies
     * on or before {@code asOf}. Its date is {@code startsOn}, or else the day it became active, or else the day it
     * was proposed; collaborations dated after {@code asOf} are left out. The registry keeps the day a party answered
     * only as the day that was recorded (an answer takes effect from {@code startsOn}), so CONFIRM and DECLINE rows
     * carry the collaboration's date.
     */
    @Override
    public List<List<String>> export(RegistryState state, LocalDate asOf, Instant knownAt) {
        Map<String, Period> active = new HashMap<>();
        state.collaborationDirectory.activePeriods(knownAt).forEach(p -> active.put(p.id(), p));
        List<Object[]> rows = new ArrayList<>();
        for (CollaborationView c : state.collaborationDirectory.all()) {
            if (!known(c.recordedAt(), knownAt)) {
                continue;
            }
            Period period = active.get(c.id());
            LocalDate date = c.startsOn() != null ? c.startsOn()
                    : period != null ? period.validFrom() : LocalDate.ofInstant(c.recordedAt(), TimeAxes.ZONE);
            if (asOf != null && date.isAfter(asOf)) {
                continue;
            }
            List<String> others = c.partyIds().stream().filter(p -> !p.equals(c.proposedBy())).toList();
            rows.add(row(c.id(), Event.PROPOSE, date, c.proposedBy(), String.join(";", others),
                         String.join(";", c.municipalityCodes()), c.title(), c.description(), null));
            for (CollaborationView.Party p : c.parties()) {
                if (p.organisationId().equals(c.proposedBy()) || !known(p.answeredAt(), knownAt)) {
                    continue;
                }
                if (p.confirmed()) {
                    rows.add(row(c.id(), Event.CONFIRM, date, p.organisationId(), null, null, null, null, null));
                } else if (p.hasDeclined()) {
                    rows.add(row(c.id(), Event.DECLINE, date, p.organisationId(), null, null, null, null,
                                 p.reason()));
                }
            }
            if (period != null && period.validTo() != null && (asOf == null || !period.validTo().isAfter(asOf))) {
                rows.add(row(c.id(), Event.END, period.validTo(), null, null, null, null, null, c.endReason()));
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (LocalDate) r[0]).thenComparing(r -> (Event) r[1])
                            .thenComparing(r -> (String) r[2]));
        return rows.stream().map(r -> (List<String>) r[3]).toList();
    }

    /** Null (a read model written before the time was kept) counts as known. */
    private static boolean known(Instant recordedAt, Instant knownAt) {
        return knownAt == null || recordedAt == null || !recordedAt.isAfter(knownAt);
    }

    /** A sort key (date, event, collaboration and party) and the row. */
    private static Object[] row(String id, Event event, LocalDate date, String organisationId, String partyIds,
                                String municipalityCodes, String title, String description, String reason) {
        List<String> values = List.of(id, event.name(), date.toString(), text(organisationId), text(partyIds),
                                      text(municipalityCodes), text(title), text(description), text(reason));
        return new Object[] {date, event, id + "/" + text(organisationId), values};
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}

package nl.eentegeneenzaamheid.registry.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.AssignLead;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.ChangePhase;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.FoundLocalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.JoinLocalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.LeaveCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionId;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionView;
import nl.eentegeneenzaamheid.registry.coalition.ContributionRole;
import nl.eentegeneenzaamheid.registry.coalition.LocalCoalitionPhase;
import nl.eentegeneenzaamheid.registry.coalition.LocalCoalitionView;
import nl.eentegeneenzaamheid.registry.coalition.MembershipView;
import nl.eentegeneenzaamheid.registry.coalition.PartyType;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Text;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import org.springframework.stereotype.Component;

/**
 * {@code coalitionKey,event,date,municipalityCode,name,phase,orgKey,partyType,role,reason}: local coalitions
 * (FOUND), their parties (JOIN, LEAVE), their lead (LEAD) and phase (PHASE). Each event uses the columns it needs.
 */
@Component
class LocalCoalitionsFormat implements Format {

    /** In this order on one day: a coalition is founded before parties join, a party joins before it leads. */
    enum Event { FOUND, LEAVE, JOIN, LEAD, PHASE }

    private static final String PARTY = "a party of this local coalition";

    @Override
    public Kind kind() {
        return Kind.LOCAL_COALITIONS;
    }

    @Override
    public List<String> columns() {
        return List.of("coalitionKey", "event", "date", "municipalityCode", "name", "phase", "orgKey", "partyType",
                       "role", "reason");
    }

    @Override
    public List<String> optionalColumns() {
        return List.of("municipalityCode", "name", "phase", "orgKey", "partyType", "role", "reason");
    }

    @Override
    public Step plan(Row row, RegistryState state) {
        CoalitionId id = Keys.coalition(row.required("coalitionKey"));
        Event event = row.requiredEnum("event", Event.class);
        LocalDate date = row.requiredDate("date");
        if (event == Event.FOUND) {
            return found(row, state, id, date);
        }
        RegistryState.Local local = state.local(id.value()).orElseThrow(() -> RegistryException.notFound(
                "No local coalition " + id + " in the registry or in the rows before (found it with a FOUND row)"));
        if (local.ended) {
            throw RegistryException.conflict(id + " was combined into another coalition; use that one");
        }
        if (date.isBefore(local.foundedOn)) {
            throw RegistryException.validation(id + " was founded on " + local.foundedOn + "; " + date
                                               + " lies before that");
        }
        if (event == Event.PHASE) {
            LocalCoalitionPhase phase = row.enumValue("phase", LocalCoalitionPhase.class);
            if (phase == null) {
                throw RegistryException.validation("phase is required: EXPLORING, INITIATING or ESTABLISHED");
            }
            if (local.phaseChanges.contains(phase + "@" + date) || phase == local.phase) {
                return Step.ALREADY_RECORDED;
            }
            if (local.phaseSince != null && date.isBefore(local.phaseSince)) {
                throw RegistryException.validation("Phase changes are recorded in order; the last one was on "
                                                   + local.phaseSince + ", got " + date);
            }
            local.phase = phase;
            local.phaseSince = date;
            local.phaseChanges.add(phase + "@" + date);
            return new Step("changePhase", () -> new ChangePhase(id, phase, date));
        }
        OrganisationId organisationId = Keys.organisation(row.required("orgKey"));
        RegistryState.Organisation organisation = state.organisation(organisationId.value());
        String subject = organisation.name() + " (" + organisationId + ")";
        Spans spans = local.members.computeIfAbsent(organisationId.value(), o -> new Spans());
        return switch (event) {
            case JOIN -> {
                PartyType partyType = row.enumValue("partyType", PartyType.class);
                if (partyType == null) {
                    throw RegistryException.validation("partyType is required to JOIN");
                }
                ContributionRole role = row.enumValue("role", ContributionRole.class);
                yield spans.join(date, subject, PARTY)
                        ? new Step("joinLocalCoalition",
                                   () -> new JoinLocalCoalition(id, organisationId, date, partyType, role))
                        : Step.ALREADY_RECORDED;
            }
            case LEAVE -> {
                String reason = row.get("reason");
                if (!spans.leave(date, subject, PARTY)) {
                    yield Step.ALREADY_RECORDED;
                }
                if (organisationId.value().equals(local.lead)) {
                    local.lead = null;
                }
                yield new Step("leaveCoalition", () -> new LeaveCoalition(id, organisationId, date, reason));
            }
            case LEAD -> {
                if (organisationId.value().equals(local.lead) && date.equals(local.leadSince)) {
                    yield Step.ALREADY_RECORDED;
                }
                LocalDate since = spans.openSince(date);
                if (since == null) {
                    throw RegistryException.conflict(subject + " is not a party of " + id + " on " + date
                                                     + "; let it JOIN before making it the lead");
                }
                local.lead = organisationId.value();
                local.leadSince = date;
                yield new Step("assignLead", () -> new AssignLead(id, organisationId, date));
            }
            default -> throw new IllegalStateException("handled above: " + event);
        };
    }

    private static Step found(Row row, RegistryState state, CoalitionId id, LocalDate date) {
        String code = row.required("municipalityCode");
        String name = row.get("name") == null ? null : Text.requireName("name", row.get("name"));
        LocalCoalitionPhase phase = row.enumValue("phase", LocalCoalitionPhase.class);
        if (state.local(id.value()).isPresent()) {
            if (state.local(id.value()).get().municipalityCode.equals(code)) {
                return Step.ALREADY_RECORDED;
            }
            throw RegistryException.conflict("coalitionKey " + row.get("coalitionKey") + " is already the local "
                                             + "coalition " + id + " of " + state.local(id.value()).get().municipalityCode);
        }
        MunicipalityView municipality = state.municipality(code);
        if (!municipality.existsOn(date)) {
            throw RegistryException.validation(municipality.name() + " (" + code + ") does not exist on " + date);
        }
        String active = state.activeCoalitionIn(code);
        if (active != null) {
            throw RegistryException.conflict(municipality.name() + " (" + code + ") already has the local coalition "
                                             + active + "; a municipality has at most one");
        }
        state.founded(id.value(), code, date, phase);
        return new Step("foundLocalCoalition", () -> new FoundLocalCoalition(id, code, name, date, phase));
    }

    /**
     * Each local coalition known at {@code knownAt} and founded on or before {@code asOf}, in the municipality it was
     * founded in, with its parties' periods, its current lead and its phase history as far as they lie on or before
     * {@code asOf} (the registry keeps lead and phase on the business axis only).
     */
    @Override
    public List<List<String>> export(RegistryState state, LocalDate asOf, Instant knownAt) {
        Map<String, String> foundedIn = new LinkedHashMap<>();
        List<Period> locations = new ArrayList<>(state.coalitionDirectory.localCoalitionPeriods(knownAt));
        locations.sort(Comparator.comparing(Period::validFrom).reversed());
        locations.forEach(p -> foundedIn.put(p.id().substring(0, p.id().lastIndexOf('/')), p.subject()));
        List<Object[]> rows = new ArrayList<>();
        for (LocalCoalitionView local : state.coalitionDirectory.localCoalitions(knownAt)) {
            if (asOf != null && local.foundedOn().isAfter(asOf)) {
                continue;
            }
            CoalitionView view = state.coalitionDirectory.find(local.id()).orElseThrow();
            String id = local.id();
            rows.add(row(id, Event.FOUND, local.foundedOn(), foundedIn.get(id), view.name(), null, null, null,
                         null));
            for (MembershipView m : state.coalitionDirectory.membershipHistory(id, knownAt)) {
                if (asOf == null || !m.joinedOn().isAfter(asOf)) {
                    rows.add(row(id, Event.JOIN, m.joinedOn(), null, null, null, m.organisationId(),
                                 m.partyType(), m.role()));
                    if (m.leftOn() != null && (asOf == null || !m.leftOn().isAfter(asOf))) {
                        rows.add(row(id, Event.LEAVE, m.leftOn(), null, null, null, m.organisationId(), null, null));
                    }
                }
            }
            if (view.lead() != null && (asOf == null || !view.leadSince().isAfter(asOf))) {
                rows.add(row(id, Event.LEAD, view.leadSince(), null, null, null, view.lead(), null, null));
            }
            view.phaseHistory().stream().filter(p -> asOf == null || !p.on().isAfter(asOf)).forEach(
                    p -> rows.add(row(id, Event.PHASE, p.on(), null, null, p.phase(), null, null, null)));
        }
        rows.sort(Comparator.comparing((Object[] r) -> (LocalDate) r[0]).thenComparing(r -> (Event) r[1])
                            .thenComparing(r -> (String) r[2]));
        return rows.stream().map(r -> (List<String>) r[3]).toList();
    }

    /** A sort key (date, event, coalition and party) and the row. */
    private static Object[] row(String id, Event event, LocalDate date, String municipalityCode, String name,
                                LocalCoalitionPhase phase, String organisationId, PartyType partyType,
                                ContributionRole role) {
        List<String> values = List.of(id, event.name(), date.toString(), text(municipalityCode), text(name),
                                      text(phase), text(organisationId), text(partyType), text(role), "");
        return new Object[] {date, event, id + "/" + text(organisationId), values};
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}

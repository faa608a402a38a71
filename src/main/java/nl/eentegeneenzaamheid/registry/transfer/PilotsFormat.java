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
import java.util.TreeMap;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Text;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.ConvertPilotToProject;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.EvaluatePilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.ExtendPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.StartPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.StopPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotId;
import nl.eentegeneenzaamheid.registry.pilot.PilotStatus;
import nl.eentegeneenzaamheid.registry.pilot.PilotView;
import org.springframework.stereotype.Component;

/**
 * {@code pilotKey,event,date,orgKey,partnerKeys,municipalityCodes,title,goal,outcome,reason}: pilots of national
 * partners (START), extended to more municipalities (EXTEND), evaluated (EVALUATE), converted into durable projects
 * (CONVERT) or stopped (STOP). Each event uses the columns it needs; lists are separated by {@code ;}.
 */
@Component
class PilotsFormat implements Format {

    /** In this order on one day. */
    enum Event { START, EXTEND, EVALUATE, CONVERT, STOP }

    /** The programme's records start here (the aggregate's rule). */
    private static final LocalDate EARLIEST = LocalDate.of(2018, 1, 1);

    @Override
    public Kind kind() {
        return Kind.PILOTS;
    }

    @Override
    public List<String> columns() {
        return List.of("pilotKey", "event", "date", "orgKey", "partnerKeys", "municipalityCodes", "title", "goal",
                       "outcome", "reason");
    }

    @Override
    public List<String> optionalColumns() {
        return List.of("orgKey", "partnerKeys", "municipalityCodes", "title", "goal", "outcome", "reason");
    }

    @Override
    public Step plan(Row row, RegistryState state) {
        PilotId id = Keys.pilot(row.required("pilotKey"));
        Event event = row.requiredEnum("event", Event.class);
        LocalDate date = row.requiredDate("date");
        if (event == Event.START) {
            return start(row, state, id, date);
        }
        RegistryState.Pilot pilot = state.pilots().get(id.value());
        if (pilot == null) {
            throw RegistryException.notFound("No pilot " + id + " in the registry or in the rows before (start it "
                                             + "with a START row)");
        }
        // Each event first recognises the row of an earlier import, then checks what the aggregate checks, in its
        // order and with its words.
        return switch (event) {
            case EXTEND -> {
                List<String> codes = codes(row);
                if (codes.stream().allMatch(code -> date.equals(pilot.municipalities.get(code)))) {
                    yield Step.ALREADY_RECORDED;
                }
                requireNotStopped(pilot, "extended");
                requireFromStart(pilot, date);
                existing(state, codes, date);
                List<String> already = codes.stream().filter(pilot.municipalities::containsKey).toList();
                if (!already.isEmpty()) {
                    throw RegistryException.conflict(pilot.title + " already runs in " + String.join(", ", already)
                                                     + "; extend it only to municipalities where it does not run yet");
                }
                codes.forEach(code -> pilot.municipalities.put(code, date));
                yield new Step("extendPilot", () -> new ExtendPilot(id, codes, date));
            }
            case EVALUATE -> {
                String outcome = row.get("outcome");
                if (outcome == null) {
                    throw RegistryException.validation("outcome is required: what the evaluation found");
                }
                if (pilot.evaluations.contains(date + "|" + outcome)) {
                    yield Step.ALREADY_RECORDED;
                }
                requireRunning(pilot, "evaluated");
                requireFromStart(pilot, date);
                pilot.evaluations.add(date + "|" + outcome);
                pilot.status = PilotStatus.EVALUATED;
                yield new Step("evaluatePilot", () -> new EvaluatePilot(id, date, outcome));
            }
            case CONVERT -> {
                if (pilot.status == PilotStatus.CONVERTED_TO_PROJECT && date.equals(pilot.convertedOn)) {
                    yield Step.ALREADY_RECORDED;
                }
                requireRunning(pilot, "converted into a project");
                if (!date.isAfter(pilot.startedOn)) {
                    throw RegistryException.validation("A pilot becomes a project after it started on "
                                                       + pilot.startedOn + "; got " + date);
                }
                pilot.status = PilotStatus.CONVERTED_TO_PROJECT;
                pilot.convertedOn = date;
                yield new Step("convertPilotToProject", () -> new ConvertPilotToProject(id, date));
            }
            case STOP -> {
                String reason = row.get("reason");
                if (reason == null) {
                    throw RegistryException.validation("reason is required: say why the pilot stops");
                }
                if (pilot.status == PilotStatus.STOPPED && date.equals(pilot.stoppedOn)) {
                    yield Step.ALREADY_RECORDED;
                }
                if (pilot.status == PilotStatus.CONVERTED_TO_PROJECT) {
                    throw RegistryException.conflict(pilot.title + " became a durable project on " + pilot.convertedOn
                                                     + " and can no longer be stopped as a pilot");
                }
                requireNotStopped(pilot, "stopped");
                LocalDate latest = pilot.municipalities.values().stream().max(LocalDate::compareTo)
                                                       .orElse(pilot.startedOn);
                if (!date.isAfter(latest)) {
                    throw RegistryException.validation("on is the first day the pilot no longer runs and must be "
                                                       + "after " + latest + " (its start or latest extension); got "
                                                       + date);
                }
                pilot.status = PilotStatus.STOPPED;
                pilot.stoppedOn = date;
                yield new Step("stopPilot", () -> new StopPilot(id, date, reason));
            }
            case START -> throw new IllegalStateException("handled above");
        };
    }

    private static Step start(Row row, RegistryState state, PilotId id, LocalDate startedOn) {
        String title = Text.requireName("title", row.get("title"));
        RegistryState.Pilot existing = state.pilots().get(id.value());
        if (existing != null) {
            if (existing.title.equals(title) && existing.startedOn.equals(startedOn)) {
                return Step.ALREADY_RECORDED;
            }
            throw RegistryException.conflict("pilotKey " + row.get("pilotKey") + " is already the pilot "
                                             + existing.title + " started on " + existing.startedOn + ", " + id);
        }
        if (startedOn.isBefore(EARLIEST)) {
            throw RegistryException.validation("startedOn lies before " + EARLIEST + ", where the programme's "
                                               + "records start; got " + startedOn);
        }
        OrganisationId partner = Keys.organisation(row.required("orgKey"));
        Set<OrganisationId> coPartners = new LinkedHashSet<>();
        row.list("partnerKeys").forEach(key -> coPartners.add(Keys.organisation(key)));
        coPartners.remove(partner);
        Set<String> ids = new LinkedHashSet<>();
        ids.add(partner.value());
        coPartners.forEach(p -> ids.add(p.value()));
        state.requireOrganisations(ids);
        RegistryState.Organisation national = state.organisation(partner.value());
        if (national.kind() != OrganisationKind.NATIONAL) {
            throw RegistryException.validation("A pilot's national partner is a NATIONAL organisation; "
                                               + national.name() + " is " + national.kind()
                                               + " (name it among partnerKeys instead)");
        }
        List<String> codes = codes(row);
        existing(state, codes, startedOn);
        String goal = row.get("goal");
        RegistryState.Pilot pilot = new RegistryState.Pilot(title, startedOn, PilotStatus.RUNNING);
        codes.forEach(code -> pilot.municipalities.put(code, startedOn));
        state.pilots().put(id.value(), pilot);
        List<OrganisationId> partners = List.copyOf(coPartners);
        return new Step("startPilot", () -> new StartPilot(id, title, partner, partners, codes, startedOn, goal));
    }

    /** The row's distinct municipality codes, at least one. */
    private static List<String> codes(Row row) {
        List<String> codes = List.copyOf(new LinkedHashSet<>(row.list("municipalityCodes")));
        if (codes.isEmpty()) {
            throw RegistryException.validation("municipalityCodes needs at least one municipality (CBS code)");
        }
        return codes;
    }

    /** Each municipality known and existing on {@code on}, as the aggregate checks it. */
    private static void existing(RegistryState state, List<String> codes, LocalDate on) {
        List<MunicipalityView> found = state.requireMunicipalities(codes);
        List<String> absent = found.stream().filter(m -> !m.existsOn(on)).map(MunicipalityView::code).toList();
        if (!absent.isEmpty()) {
            throw RegistryException.validation(String.join(", ", absent) + " does not exist on " + on
                                               + " (merged away or not yet formed); use its current municipality");
        }
    }

    private static void requireNotStopped(RegistryState.Pilot pilot, String what) {
        if (pilot.status == PilotStatus.STOPPED) {
            throw RegistryException.conflict(pilot.title + " was stopped and cannot be " + what);
        }
    }

    private static void requireRunning(RegistryState.Pilot pilot, String what) {
        requireNotStopped(pilot, what);
        if (pilot.status == PilotStatus.CONVERTED_TO_PROJECT) {
            throw RegistryException.conflict(pilot.title + " became a durable project on " + pilot.convertedOn
                                             + " and can no longer be " + what);
        }
    }

    private static void requireFromStart(RegistryState.Pilot pilot, LocalDate day) {
        if (day.isBefore(pilot.startedOn)) {
            throw RegistryException.validation("on lies before the pilot's start on " + pilot.startedOn + "; got "
                                               + day);
        }
    }

    /**
     * Each pilot known at {@code knownAt} and started on or before {@code asOf}: where it ran from its start, its
     * extensions, evaluations, conversion and stop as known then and as far as they lie on or before {@code asOf}.
     * Extensions on one day make one row. A conversion or stop is written after the pilot's evaluations, which the
     * registry may hold with a later date (they were recorded before it), so that the file imports.
     */
    @Override
    public List<List<String>> export(RegistryState state, LocalDate asOf, Instant knownAt) {
        Map<String, Period> lives = byId(state.pilotDirectory.lifePeriods(knownAt));
        Map<String, Period> projects = byId(state.pilotDirectory.projectPeriods(knownAt));
        Map<String, Map<LocalDate, List<String>>> sites = new HashMap<>();
        state.pilotDirectory.municipalityPeriods(knownAt).forEach(p -> sites
                .computeIfAbsent(p.group(), g -> new TreeMap<>())
                .computeIfAbsent(p.validFrom(), d -> new ArrayList<>()).add(p.subject()));
        List<Object[]> rows = new ArrayList<>();
        for (PilotView pilot : state.pilotDirectory.all()) {
            Period life = lives.get(pilot.id());
            if (life == null || (asOf != null && life.validFrom().isAfter(asOf))) {
                continue;
            }
            String id = pilot.id();
            Map<LocalDate, List<String>> where = sites.getOrDefault(id, Map.of());
            rows.add(row(id, Event.START, pilot.startedOn(), pilot.startedOn(), pilot.nationalPartnerId(),
                         String.join(";", pilot.partnerIds()), codes(pilot, where.get(pilot.startedOn())),
                         pilot.title(), pilot.goal(), null, null));
            where.forEach((on, codes) -> {
                if (on.isAfter(pilot.startedOn()) && (asOf == null || !on.isAfter(asOf))) {
                    rows.add(row(id, Event.EXTEND, on, on, null, null, codes(pilot, codes), null, null, null,
                                 null));
                }
            });
            LocalDate lastEvaluation = pilot.startedOn();
            for (PilotView.Evaluation e : pilot.evaluations() == null ? List.<PilotView.Evaluation>of()
                    : pilot.evaluations()) {
                if ((knownAt == null || e.recordedAt() == null || !e.recordedAt().isAfter(knownAt))
                    && (asOf == null || !e.on().isAfter(asOf))) {
                    rows.add(row(id, Event.EVALUATE, e.on(), e.on(), null, null, null, null, null, e.outcome(),
                                 null));
                    lastEvaluation = lastEvaluation.isAfter(e.on()) ? lastEvaluation : e.on();
                }
            }
            Period project = projects.get(id + "/projects");
            if (project != null && (asOf == null || !project.validFrom().isAfter(asOf))) {
                rows.add(row(id, Event.CONVERT, project.validFrom(), later(project.validFrom(), lastEvaluation),
                             null, null, null, null, null, null, null));
            }
            if (life.validTo() != null && (asOf == null || !life.validTo().isAfter(asOf))) {
                rows.add(row(id, Event.STOP, life.validTo(), later(life.validTo(), lastEvaluation), null, null,
                             null, null, null, null, pilot.stopReason()));
            }
        }
        rows.sort(Comparator.comparing((Object[] r) -> (LocalDate) r[0]).thenComparing(r -> (Event) r[1])
                            .thenComparing(r -> (String) r[2]));
        return rows.stream().map(r -> (List<String>) r[3]).toList();
    }

    private static Map<String, Period> byId(List<Period> periods) {
        Map<String, Period> byId = new HashMap<>();
        periods.forEach(p -> byId.put(p.id(), p));
        return byId;
    }

    /** The codes in the order the pilot came there (its sites). */
    private static String codes(PilotView pilot, List<String> codes) {
        if (codes == null) {
            return "";
        }
        return String.join(";", pilot.municipalityCodes().stream().filter(codes::contains).toList());
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** A sort key (the day it sorts on, event, pilot) and the row. */
    private static Object[] row(String id, Event event, LocalDate date, LocalDate sortedOn, String organisationId,
                                String partnerIds, String municipalityCodes, String title, String goal,
                                String outcome, String reason) {
        List<String> values = List.of(id, event.name(), date.toString(), text(organisationId), text(partnerIds),
                                      text(municipalityCodes), text(title), text(goal), text(outcome), text(reason));
        return new Object[] {sortedOn, event, id, values};
    }

    private static String text(Object value) {
        return Objects.toString(value, "");
    }
}

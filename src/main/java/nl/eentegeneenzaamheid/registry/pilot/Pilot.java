package nl.eentegeneenzaamheid.registry.pilot;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Text;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.ConvertPilotToProject;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.EvaluatePilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.ExtendPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.StartPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.StopPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotConvertedToProject;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotEvaluated;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotExtended;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotStarted;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotStopped;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A pilot of a national partner in some municipalities, from start to durable project or stop. Decisions made here:
 * <ul>
 *   <li>the national partner is a NATIONAL organisation; co-partners are any other organisations;</li>
 *   <li>every date lies on or after the start date (VALIDATION), and a stop after the last extension, since
 *       {@code on} is the first day it no longer runs;</li>
 *   <li>a stopped pilot changes no more (CONFLICT); a project can still be extended, but is no longer evaluated,
 *       converted or stopped as a pilot (CONFLICT);</li>
 *   <li>an extension names only municipalities where it does not run yet (CONFLICT otherwise).</li>
 * </ul>
 */
@Aggregate
class Pilot {

    /** The programme's records start here; a pilot cannot start before. */
    static final LocalDate EARLIEST = LocalDate.of(2018, 1, 1);

    @AggregateIdentifier
    private PilotId pilotId;
    private String title;
    private OrganisationId nationalPartnerId;
    private LocalDate startedOn;
    /** Municipality code to the day it runs there from. */
    private Map<String, LocalDate> municipalities = new LinkedHashMap<>();
    private PilotStatus status;
    private LocalDate convertedOn;

    Pilot() {
        // for Axon
    }

    @CommandHandler
    Pilot(StartPilot command, OrganisationDirectory organisations, MunicipalityDirectory municipalityDirectory) {
        String title = Text.requireName("title", command.title());
        LocalDate startedOn = required("startedOn", command.startedOn());
        if (startedOn.isBefore(EARLIEST)) {
            throw RegistryException.validation("startedOn lies before " + EARLIEST + ", where the programme's "
                                               + "records start; got " + startedOn);
        }
        OrganisationId partner = required("nationalPartnerId", command.nationalPartnerId());
        Set<OrganisationId> coPartners = new LinkedHashSet<>(command.partnerIds() == null ? List.of()
                : command.partnerIds());
        coPartners.remove(partner);
        Set<String> ids = new LinkedHashSet<>();
        ids.add(partner.value());
        coPartners.forEach(id -> ids.add(id.value()));
        Map<String, OrganisationView> found = organisations.findAll(ids);
        List<String> unknown = ids.stream().filter(id -> !found.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw RegistryException.notFound("No organisation with id " + String.join(", ", unknown));
        }
        OrganisationView national = found.get(partner.value());
        if (national.kind() != OrganisationKind.NATIONAL) {
            throw RegistryException.validation("A pilot's national partner is a NATIONAL organisation; "
                                               + national.name() + " is " + national.kind()
                                               + " (name it among partnerIds instead)");
        }
        List<String> codes = existing(municipalityDirectory, command.municipalityCodes(), startedOn);
        String goal = command.goal() == null || command.goal().isBlank() ? null : command.goal().trim();
        apply(new PilotStarted(command.pilotId(), title, partner, List.copyOf(coPartners), codes, startedOn, goal));
    }

    @CommandHandler
    void handle(ExtendPilot command, MunicipalityDirectory municipalityDirectory) {
        LocalDate on = required("on", command.on());
        requireNotStopped("extended");
        requireFromStart("on", on);
        List<String> codes = existing(municipalityDirectory, command.municipalityCodes(), on);
        List<String> already = codes.stream().filter(municipalities::containsKey).toList();
        if (!already.isEmpty()) {
            throw RegistryException.conflict(title + " already runs in " + String.join(", ", already)
                                             + "; extend it only to municipalities where it does not run yet");
        }
        apply(new PilotExtended(pilotId, nationalPartnerId, codes, on));
    }

    @CommandHandler
    void handle(EvaluatePilot command) {
        LocalDate on = required("on", command.on());
        String outcome = command.outcome() == null || command.outcome().isBlank() ? null : command.outcome().trim();
        if (outcome == null) {
            throw RegistryException.validation("outcome is required: what the evaluation found");
        }
        requireRunning("evaluated");
        requireFromStart("on", on);
        apply(new PilotEvaluated(pilotId, nationalPartnerId, on, outcome));
    }

    @CommandHandler
    void handle(ConvertPilotToProject command) {
        LocalDate on = required("on", command.on());
        requireRunning("converted into a project");
        if (!on.isAfter(startedOn)) {
            throw RegistryException.validation("A pilot becomes a project after it started on " + startedOn
                                               + "; got " + on);
        }
        apply(new PilotConvertedToProject(pilotId, nationalPartnerId, on));
    }

    @CommandHandler
    void handle(StopPilot command) {
        LocalDate on = required("on", command.on());
        String reason = command.reason() == null || command.reason().isBlank() ? null : command.reason().trim();
        if (reason == null) {
            throw RegistryException.validation("reason is required: say why the pilot stops");
        }
        if (status == PilotStatus.CONVERTED_TO_PROJECT) {
            throw RegistryException.conflict(title + " became a durable project on " + convertedOn
                                             + " and can no longer be stopped as a pilot");
        }
        requireNotStopped("stopped");
        LocalDate latest = municipalities.values().stream().max(LocalDate::compareTo).orElse(startedOn);
        if (!on.isAfter(latest)) {
            throw RegistryException.validation("on is the first day the pilot no longer runs and must be after "
                                               + latest + " (its start or latest extension); got " + on);
        }
        apply(new PilotStopped(pilotId, nationalPartnerId, on, reason));
    }

    /** The distinct codes, each known and existing on {@code on}. */
    private static List<String> existing(MunicipalityDirectory directory, Collection<String> requested, LocalDate on) {
        List<String> codes = requested == null ? List.of() : List.copyOf(new LinkedHashSet<>(requested));
        if (codes.isEmpty()) {
            throw RegistryException.validation("municipalityCodes needs at least one municipality (CBS code)");
        }
        Map<String, MunicipalityView> found = directory.findAll(codes);
        List<String> unknown = codes.stream().filter(code -> !found.containsKey(code)).toList();
        if (!unknown.isEmpty()) {
            throw RegistryException.notFound("No municipality with code " + String.join(", ", unknown)
                                             + " (use the CBS code, e.g. GM0363)");
        }
        List<String> absent = codes.stream().filter(code -> !found.get(code).existsOn(on)).toList();
        if (!absent.isEmpty()) {
            throw RegistryException.validation(String.join(", ", absent) + " does not exist on " + on
                                               + " (merged away or not yet formed); use its current municipality");
        }
        return codes;
    }

    private void requireNotStopped(String what) {
        if (status == PilotStatus.STOPPED) {
            throw RegistryException.conflict(title + " was stopped and cannot be " + what);
        }
    }

    private void requireRunning(String what) {
        requireNotStopped(what);
        if (status == PilotStatus.CONVERTED_TO_PROJECT) {
            throw RegistryException.conflict(title + " became a durable project on " + convertedOn
                                             + " and can no longer be " + what);
        }
    }

    private void requireFromStart(String what, LocalDate day) {
        if (day.isBefore(startedOn)) {
            throw RegistryException.validation(what + " lies before the pilot's start on " + startedOn + "; got " + day);
        }
    }

    private static <T> T required(String what, T value) {
        if (value == null) {
            throw RegistryException.validation(what + " is required");
        }
        return value;
    }

    @EventSourcingHandler
    void on(PilotStarted event) {
        pilotId = event.pilotId();
        title = event.title();
        nationalPartnerId = event.nationalPartnerId();
        startedOn = event.startedOn();
        municipalities = new LinkedHashMap<>();
        event.municipalityCodes().forEach(code -> municipalities.put(code, event.startedOn()));
        status = PilotStatus.RUNNING;
    }

    @EventSourcingHandler
    void on(PilotExtended event) {
        event.municipalityCodes().forEach(code -> municipalities.put(code, event.on()));
    }

    @EventSourcingHandler
    void on(PilotEvaluated event) {
        status = PilotStatus.EVALUATED;
    }

    @EventSourcingHandler
    void on(PilotConvertedToProject event) {
        status = PilotStatus.CONVERTED_TO_PROJECT;
        convertedOn = event.on();
    }

    @EventSourcingHandler
    void on(PilotStopped event) {
        status = PilotStatus.STOPPED;
    }
}

package nl.eentegeneenzaamheid.registry.transfer;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionDirectory;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionId;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionView;
import nl.eentegeneenzaamheid.registry.coalition.LocalCoalitionPhase;
import nl.eentegeneenzaamheid.registry.coalition.LocalCoalitionView;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationDirectory;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationStatus;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationView;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import nl.eentegeneenzaamheid.registry.pilot.PilotDirectory;
import nl.eentegeneenzaamheid.registry.pilot.PilotStatus;
import nl.eentegeneenzaamheid.registry.pilot.PilotView;

/**
 * The registry as an import's dry run sees it: read from the read models when first needed, then changed by each
 * accepted row, so that every row is judged against the registry plus the rows before it. Exports read the same
 * directories.
 */
final class RegistryState {

    final OrganisationDirectory organisationDirectory;
    final MunicipalityDirectory municipalityDirectory;
    final CoalitionDirectory coalitionDirectory;
    final CollaborationDirectory collaborationDirectory;
    final PilotDirectory pilotDirectory;

    private Map<String, Organisation> organisations;
    private Map<String, String> kvkHolders;
    private Map<String, MunicipalityView> municipalities;
    private Map<String, Spans> participation;
    private Map<String, Spans> national;
    private Map<String, Local> locals;
    private Map<String, String> activeCoalitionIn;
    private Map<String, Collaboration> collaborations;
    private Map<String, Pilot> pilots;

    RegistryState(OrganisationDirectory organisations, MunicipalityDirectory municipalities,
                  CoalitionDirectory coalitions, CollaborationDirectory collaborations, PilotDirectory pilots) {
        this.organisationDirectory = organisations;
        this.municipalityDirectory = municipalities;
        this.coalitionDirectory = coalitions;
        this.collaborationDirectory = collaborations;
        this.pilotDirectory = pilots;
    }

    record Organisation(String name, OrganisationKind kind, String kvkNumber) {
    }

    /** A local coalition as far as the rows need it. */
    static final class Local {
        final String municipalityCode;
        final LocalDate foundedOn;
        final boolean ended;
        String lead;
        LocalDate leadSince;
        LocalCoalitionPhase phase;
        LocalDate phaseSince;
        final Set<String> phaseChanges = new HashSet<>();
        Map<String, Spans> members;

        Local(String municipalityCode, LocalDate foundedOn, boolean ended) {
            this.municipalityCode = municipalityCode;
            this.foundedOn = foundedOn;
            this.ended = ended;
        }
    }

    /**
     * A collaboration as far as the rows need it: its parties' answers ({@code true} confirmed, {@code false}
     * declined, absent: no answer yet), in the order named, the proposer first.
     */
    static final class Collaboration {
        final String title;
        final String proposedBy;
        final LocalDate startsOn;
        final Map<String, Boolean> answers = new LinkedHashMap<>();
        CollaborationStatus status;
        /** Null while it is not ACTIVE, or when it became active on an unknown day (no startsOn). */
        LocalDate activeFrom;
        LocalDate endedOn;

        Collaboration(String title, String proposedBy, LocalDate startsOn, CollaborationStatus status) {
            this.title = title;
            this.proposedBy = proposedBy;
            this.startsOn = startsOn;
            this.status = status;
        }
    }

    /** A pilot as far as the rows need it. */
    static final class Pilot {
        final String title;
        final LocalDate startedOn;
        /** Municipality code to the day it runs there from. */
        final Map<String, LocalDate> municipalities = new LinkedHashMap<>();
        /** {@code <on>|<outcome>} of each evaluation. */
        final Set<String> evaluations = new HashSet<>();
        PilotStatus status;
        LocalDate convertedOn;
        LocalDate stoppedOn;

        Pilot(String title, LocalDate startedOn, PilotStatus status) {
            this.title = title;
            this.startedOn = startedOn;
            this.status = status;
        }
    }

    Map<String, Collaboration> collaborations() {
        if (collaborations == null) {
            collaborations = new HashMap<>();
            for (CollaborationView view : collaborationDirectory.all()) {
                Collaboration c = new Collaboration(view.title(), view.proposedBy(), view.startsOn(), view.status());
                view.parties().forEach(p -> c.answers.put(p.organisationId(),
                                                          p.confirmed() || p.hasDeclined() ? p.confirmed() : null));
                c.activeFrom = view.activeFrom();
                c.endedOn = view.endedOn();
                collaborations.put(view.id(), c);
            }
        }
        return collaborations;
    }

    Map<String, Pilot> pilots() {
        if (pilots == null) {
            pilots = new HashMap<>();
            for (PilotView view : pilotDirectory.all()) {
                Pilot p = new Pilot(view.title(), view.startedOn(), view.status());
                view.sites().forEach(site -> p.municipalities.put(site.municipalityCode(), site.since()));
                if (view.evaluations() != null) {
                    view.evaluations().forEach(e -> p.evaluations.add(e.on() + "|" + e.outcome()));
                }
                p.convertedOn = view.convertedOn();
                p.stoppedOn = view.stoppedOn();
                pilots.put(view.id(), p);
            }
        }
        return pilots;
    }

    /** Each organisation known, or NOT_FOUND naming every unknown one, as the aggregates say it. */
    void requireOrganisations(Collection<String> ids) {
        List<String> unknown = ids.stream().filter(id -> !organisations().containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw RegistryException.notFound("No organisation with id " + String.join(", ", unknown));
        }
    }

    /** Each municipality known, or NOT_FOUND naming every unknown code, as the aggregates say it. */
    List<MunicipalityView> requireMunicipalities(Collection<String> codes) {
        List<String> unknown = codes.stream().filter(code -> !municipalities().containsKey(code)).toList();
        if (!unknown.isEmpty()) {
            throw RegistryException.notFound("No municipality with code " + String.join(", ", unknown)
                                             + " (use the CBS code, e.g. GM0363)");
        }
        return codes.stream().map(municipalities()::get).toList();
    }

    Map<String, Organisation> organisations() {
        if (organisations == null) {
            organisations = new HashMap<>();
            kvkHolders = new HashMap<>();
            for (OrganisationView o : organisationDirectory.all()) {
                organisations.put(o.id(), new Organisation(o.name(), o.kind(), o.kvkNumber()));
                if (o.kvkNumber() != null && o.kind() != OrganisationKind.LOCAL) {
                    kvkHolders.put(o.kvkNumber(), o.id());
                }
            }
        }
        return organisations;
    }

    Map<String, String> kvkHolders() {
        organisations();
        return kvkHolders;
    }

    Organisation organisation(String id) {
        Organisation organisation = organisations().get(id);
        if (organisation == null) {
            throw RegistryException.notFound("No organisation " + id + " in the registry or in the rows before");
        }
        return organisation;
    }

    private Map<String, MunicipalityView> municipalities() {
        if (municipalities == null) {
            municipalities = new HashMap<>();
            municipalityDirectory.all().forEach(m -> municipalities.put(m.code(), m));
        }
        return municipalities;
    }

    MunicipalityView municipality(String code) {
        MunicipalityView municipality = municipalities().get(code);
        if (municipality == null) {
            throw RegistryException.notFound("No municipality with code " + code + " (use the CBS code, e.g. GM0363)");
        }
        return municipality;
    }

    Spans participation(String code) {
        if (participation == null) {
            participation = new HashMap<>();
            municipalityDirectory.participationPeriods(null).forEach(
                    p -> participation.computeIfAbsent(p.subject(), s -> new Spans()).add(p.validFrom(), p.validTo()));
        }
        return participation.computeIfAbsent(code, c -> new Spans());
    }

    Spans nationalMember(String organisationId) {
        if (national == null) {
            national = new HashMap<>();
            coalitionDirectory.membershipPeriods(CoalitionId.NATIONAL, null).forEach(
                    p -> national.computeIfAbsent(p.subject(), s -> new Spans()).add(p.validFrom(), p.validTo()));
        }
        return national.computeIfAbsent(organisationId, o -> new Spans());
    }

    Optional<Local> local(String coalitionId) {
        locals();
        Local local = locals.get(coalitionId);
        if (local != null && local.members == null) {
            local.members = new HashMap<>();
            coalitionDirectory.membershipHistory(coalitionId, null).forEach(
                    m -> local.members.computeIfAbsent(m.organisationId(), o -> new Spans())
                                      .add(m.joinedOn(), m.leftOn()));
            coalitionDirectory.find(coalitionId).ifPresent(view -> describe(local, view));
        }
        return Optional.ofNullable(local);
    }

    private static void describe(Local local, CoalitionView view) {
        local.lead = view.lead();
        local.leadSince = view.leadSince();
        local.phase = view.phase();
        view.phaseHistory().forEach(p -> {
            local.phaseChanges.add(p.phase() + "@" + p.on());
            local.phaseSince = p.on();
        });
    }

    /** The coalition active in the municipality, if any. */
    String activeCoalitionIn(String municipalityCode) {
        locals();
        return activeCoalitionIn.get(municipalityCode);
    }

    void founded(String coalitionId, String municipalityCode, LocalDate foundedOn, LocalCoalitionPhase phase) {
        locals();
        Local local = new Local(municipalityCode, foundedOn, false);
        local.members = new HashMap<>();
        if (phase != null) {
            local.phase = phase;
            local.phaseSince = foundedOn;
            local.phaseChanges.add(phase + "@" + foundedOn);
        }
        locals.put(coalitionId, local);
        activeCoalitionIn.put(municipalityCode, coalitionId);
    }

    private void locals() {
        if (locals == null) {
            locals = new HashMap<>();
            activeCoalitionIn = new HashMap<>();
            for (LocalCoalitionView c : coalitionDirectory.localCoalitions(null)) {
                locals.put(c.id(), new Local(c.municipalityCode(), c.foundedOn(), c.endedOn() != null));
                if (c.endedOn() == null) {
                    activeCoalitionIn.put(c.municipalityCode(), c.id());
                }
            }
        }
    }
}

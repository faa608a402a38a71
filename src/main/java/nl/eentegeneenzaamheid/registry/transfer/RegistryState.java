package nl.eentegeneenzaamheid.registry.transfer;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionDirectory;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionId;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionView;
import nl.eentegeneenzaamheid.registry.coalition.LocalCoalitionPhase;
import nl.eentegeneenzaamheid.registry.coalition.LocalCoalitionView;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;

/**
 * The registry as an import's dry run sees it: read from the read models when first needed, then changed by each
 * accepted row, so that every row is judged against the registry plus the rows before it. Exports read the same
 * directories.
 */
final class RegistryState {

    final OrganisationDirectory organisationDirectory;
    final MunicipalityDirectory municipalityDirectory;
    final CoalitionDirectory coalitionDirectory;

    private Map<String, Organisation> organisations;
    private Map<String, String> kvkHolders;
    private Map<String, MunicipalityView> municipalities;
    private Map<String, Spans> participation;
    private Map<String, Spans> national;
    private Map<String, Local> locals;
    private Map<String, String> activeCoalitionIn;

    RegistryState(OrganisationDirectory organisations, MunicipalityDirectory municipalities,
                  CoalitionDirectory coalitions) {
        this.organisationDirectory = organisations;
        this.municipalityDirectory = municipalities;
        this.coalitionDirectory = coalitions;
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

    MunicipalityView municipality(String code) {
        if (municipalities == null) {
            municipalities = new HashMap<>();
            municipalityDirectory.all().forEach(m -> municipalities.put(m.code(), m));
        }
        MunicipalityView municipality = municipalities.get(code);
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

package nl.eentegeneenzaamheid.registry.coalition;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.AbsorbMembers;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.AssignLead;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.ChangePhase;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.CombineCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.CorrectJoinDate;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.FoundLocalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.FoundNationalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.JoinLocalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.JoinNationalCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.LeaveCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.MoveCoalition;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionCommand.Transfer;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.CoalitionCombined;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.CoalitionFounded;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.CoalitionMoved;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.JoinDateCorrected;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.LeadAssigned;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.MemberJoined;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.MemberLeft;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.PhaseChanged;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.Text;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A coalition, national or local, and its membership periods. Decisions made here:
 * <ul>
 *   <li>a rejoin may start on the day the previous period ended, not before (VALIDATION: periods never overlap);</li>
 *   <li>the lead must be a member on the day it leads from (CONFLICT otherwise: join first); it stops being the lead
 *       when it leaves;</li>
 *   <li>a change to the phase the coalition is already in records nothing;</li>
 *   <li>a local party's role defaults to ACTIVE.</li>
 * </ul>
 * The state is snapshotted with Jackson, hence field access and a no-argument constructor.
 */
@Aggregate(snapshotTriggerDefinition = "snapshotTrigger", cache = "coalitionCache")
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
                isGetterVisibility = Visibility.NONE, setterVisibility = Visibility.NONE)
class Coalition {

    @AggregateIdentifier
    private CoalitionId coalitionId;
    private CoalitionKind kind;
    private String name;
    private String municipalityCode;
    private LocalDate foundedOn;
    private LocalCoalitionPhase phase;
    private LocalDate phaseSince;
    private OrganisationId lead;
    private LocalDate leadSince;
    private CoalitionId combinedInto;
    private LocalDate endedOn;
    /** Per organisation id, its membership periods in order; only the last may be open. */
    private Map<String, List<Span>> periods = new HashMap<>();

    /** One membership period; {@code leftOn} null while it lasts. */
    record Span(LocalDate joinedOn, LocalDate leftOn, PartyType partyType, ContributionRole role) {
    }

    Coalition() {
        // for Axon and for Jackson (snapshots)
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(FoundNationalCoalition command) {
        if (coalitionId == null) {
            apply(new CoalitionFounded(CoalitionId.NATIONAL, CoalitionKind.NATIONAL, FoundNationalCoalition.NAME, null,
                                       FoundNationalCoalition.FOUNDED_ON, null));
        }
    }

    @CommandHandler
    Coalition(FoundLocalCoalition command, MunicipalityDirectory municipalities, LocalCoalitionClaims claims) {
        String code = required("municipalityCode", command.municipalityCode());
        LocalDate foundedOn = required("foundedOn", command.foundedOn());
        MunicipalityView municipality = municipalities.find(code).orElseThrow(
                () -> RegistryException.notFound("No municipality with code " + code + " (use the CBS code, e.g. GM0363)"));
        if (!municipality.existsOn(foundedOn)) {
            throw RegistryException.validation(municipality.name() + " (" + code + ") does not exist on " + foundedOn
                                               + existence(municipality));
        }
        String name = command.name() == null ? "Lokale coalitie " + municipality.name()
                : Text.requireName("name", command.name());
        claims.claim(code, command.coalitionId(), foundedOn);
        apply(new CoalitionFounded(command.coalitionId(), CoalitionKind.LOCAL, name, code, foundedOn,
                                   command.phase()));
    }

    @CommandHandler
    void handle(JoinNationalCoalition command, OrganisationDirectory organisations) {
        OrganisationView organisation = organisation(organisations, command.organisationId());
        if (organisation.kind() != OrganisationKind.NATIONAL) {
            throw RegistryException.validation(
                    "Only NATIONAL organisations join the National Coalition; " + organisation.name() + " is "
                    + organisation.kind() + " (local branches and municipalities join their local coalition)");
        }
        join(command.organisationId(), command.joinedOn(), null, null);
    }

    @CommandHandler
    void handle(JoinLocalCoalition command, OrganisationDirectory organisations) {
        requireLocal("joinLocalCoalition");
        organisation(organisations, command.organisationId());
        PartyType partyType = required("partyType", command.partyType());
        join(command.organisationId(), command.joinedOn(), partyType,
             command.role() == null ? ContributionRole.ACTIVE : command.role());
    }

    @CommandHandler
    void handle(LeaveCoalition command, OrganisationDirectory organisations) {
        requireOpen();
        LocalDate leftOn = required("leftOn", command.leftOn());
        Span current = lastOf(command.organisationId());
        if (current == null || current.leftOn() != null) {
            organisation(organisations, command.organisationId());
            throw RegistryException.conflict(command.organisationId() + " is not a member of " + name
                                             + (current == null ? "" : " (it left on " + current.leftOn() + ")"));
        }
        if (!leftOn.isAfter(current.joinedOn())) {
            throw RegistryException.validation("leftOn is the first day it is no longer a member and must be after "
                                               + "its joinedOn " + current.joinedOn() + "; got " + leftOn);
        }
        apply(new MemberLeft(coalitionId, command.organisationId(), leftOn, trimmed(command.reason())));
    }

    @CommandHandler
    void handle(CorrectJoinDate command, OrganisationDirectory organisations) {
        String reason = trimmed(command.reason());
        if (reason == null) {
            throw RegistryException.validation("reason is required: say why the recorded join date was wrong");
        }
        requireOpen();
        LocalDate joinedOn = required("joinedOn", command.joinedOn());
        List<Span> spans = periods.getOrDefault(command.organisationId().value(), List.of());
        if (spans.isEmpty()) {
            organisation(organisations, command.organisationId());
            throw RegistryException.conflict(command.organisationId() + " has never been a member of " + name
                                             + "; there is no join date to correct");
        }
        Span last = spans.get(spans.size() - 1);
        if (last.leftOn() != null && !joinedOn.isBefore(last.leftOn())) {
            throw RegistryException.validation("The corrected joinedOn must be before the period's leftOn "
                                               + last.leftOn() + "; got " + joinedOn);
        }
        if (spans.size() > 1 && joinedOn.isBefore(spans.get(spans.size() - 2).leftOn())) {
            throw RegistryException.validation("The corrected joinedOn would overlap the previous membership, which "
                                               + "ended on " + spans.get(spans.size() - 2).leftOn());
        }
        requireFounded(joinedOn);
        if (!joinedOn.equals(last.joinedOn())) {
            apply(new JoinDateCorrected(coalitionId, command.organisationId(), last.joinedOn(), joinedOn, reason));
        }
    }

    @CommandHandler
    void handle(AssignLead command, OrganisationDirectory organisations) {
        requireLocal("assignLead");
        requireOpen();
        LocalDate since = required("since", command.since());
        Span current = lastOf(command.organisationId());
        if (current == null || current.leftOn() != null) {
            organisation(organisations, command.organisationId());
            throw RegistryException.conflict(command.organisationId() + " is not a member of " + name
                                             + "; let it join (joinLocalCoalition) before making it the lead");
        }
        if (since.isBefore(current.joinedOn())) {
            throw RegistryException.validation("The lead must be a member from since on; it joined on "
                                               + current.joinedOn() + ", since is " + since);
        }
        if (!(command.organisationId().equals(lead) && since.equals(leadSince))) {
            apply(new LeadAssigned(coalitionId, command.organisationId(), since));
        }
    }

    @CommandHandler
    void handle(ChangePhase command) {
        requireLocal("changePhase");
        requireOpen();
        LocalCoalitionPhase newPhase = required("phase", command.phase());
        LocalDate on = required("on", command.on());
        requireFounded(on);
        if (phaseSince != null && on.isBefore(phaseSince)) {
            throw RegistryException.validation("Phase changes are recorded in order; the last one was on "
                                               + phaseSince + ", got " + on);
        }
        if (newPhase != phase) {
            apply(new PhaseChanged(coalitionId, newPhase, on));
        }
    }

    @CommandHandler
    void handle(MoveCoalition command, LocalCoalitionClaims claims) {
        requireLocal("moveCoalition");
        requireOpen();
        if (!command.toMunicipalityCode().equals(municipalityCode)) {
            claims.claim(command.toMunicipalityCode(), coalitionId, foundedOn);
            claims.releaseAfterCommit(municipalityCode, coalitionId);
            apply(new CoalitionMoved(coalitionId, municipalityCode, command.toMunicipalityCode(), command.on()));
        }
    }

    @CommandHandler
    List<Transfer> handle(CombineCoalition command, LocalCoalitionClaims claims) {
        requireLocal("combineCoalition");
        LocalDate on = command.on();
        if (combinedInto != null) {
            if (!combinedInto.equals(command.intoCoalitionId())) {
                requireOpen();
            }
            // Sent again (the policy resumes after a failure): the members it gave over are those whose period the combination ended.
            return transfers(span -> on.equals(span.leftOn()));
        }
        // Members whose period started before the combination day and still runs on it; a period starting on or
        // after that day cannot be ended on it and stays where it is.
        List<Transfer> transfers = transfers(span -> span.joinedOn().isBefore(on)
                                                     && (span.leftOn() == null || span.leftOn().isAfter(on)));
        transfers.forEach(t -> apply(new MemberLeft(coalitionId, t.organisationId(), on,
                                                    "Combined into " + command.intoCoalitionId())));
        claims.releaseAfterCommit(municipalityCode, coalitionId);
        apply(new CoalitionCombined(coalitionId, command.intoCoalitionId(), on));
        return transfers;
    }

    @CommandHandler
    void handle(AbsorbMembers command) {
        requireOpen();
        requireFounded(command.on());
        for (Transfer transfer : command.members()) {
            Span last = lastOf(transfer.organisationId());
            // Already a member, or a period that would overlap: the party keeps what it has here.
            if (last == null || last.leftOn() != null && !command.on().isBefore(last.leftOn())) {
                apply(new MemberJoined(coalitionId, transfer.organisationId(), command.on(), transfer.partyType(),
                                       transfer.role()));
            }
        }
    }

    private void join(OrganisationId organisationId, LocalDate joinedOn, PartyType partyType, ContributionRole role) {
        requireOpen();
        required("joinedOn", joinedOn);
        requireFounded(joinedOn);
        Span last = lastOf(organisationId);
        if (last != null && last.leftOn() == null) {
            throw RegistryException.conflict(organisationId + " is already a member of " + name + " since "
                                             + last.joinedOn() + "; it can rejoin only after leaving");
        }
        if (last != null && joinedOn.isBefore(last.leftOn())) {
            throw RegistryException.validation("A new membership cannot overlap the previous one: rejoin on or after "
                                               + last.leftOn() + ", the day the previous membership ended");
        }
        apply(new MemberJoined(coalitionId, organisationId, joinedOn, partyType, role));
    }

    private List<Transfer> transfers(Predicate<Span> ended) {
        List<Transfer> transfers = new ArrayList<>();
        periods.forEach((organisationId, spans) -> {
            Span last = spans.get(spans.size() - 1);
            if (ended.test(last)) {
                transfers.add(new Transfer(new OrganisationId(organisationId), last.partyType(), last.role()));
            }
        });
        transfers.sort(Comparator.comparing(t -> t.organisationId().value()));
        return transfers;
    }

    private Span lastOf(OrganisationId organisationId) {
        List<Span> spans = periods.get(organisationId.value());
        return spans == null || spans.isEmpty() ? null : spans.get(spans.size() - 1);
    }

    private static OrganisationView organisation(OrganisationDirectory organisations, OrganisationId id) {
        return organisations.find(id.value())
                            .orElseThrow(() -> RegistryException.notFound("No organisation with id " + id));
    }

    private void requireLocal(String operation) {
        if (kind != CoalitionKind.LOCAL) {
            throw RegistryException.validation(operation + " applies to local coalitions only; " + coalitionId
                                               + " is the National Coalition");
        }
    }

    private void requireOpen() {
        if (combinedInto != null) {
            throw RegistryException.conflict(name + " was combined into " + combinedInto + " on " + endedOn
                                             + "; use " + combinedInto);
        }
    }

    private void requireFounded(LocalDate date) {
        if (date.isBefore(foundedOn)) {
            throw RegistryException.validation(name + " was founded on " + foundedOn + "; " + date
                                               + " lies before that");
        }
    }

    private static <T> T required(String what, T value) {
        if (value == null) {
            throw RegistryException.validation(what + " is required");
        }
        return value;
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static String existence(MunicipalityView municipality) {
        if (municipality.dissolvedOn() != null) {
            return " (it was dissolved on " + municipality.dissolvedOn() + ")";
        }
        return municipality.existsFrom() == null ? "" : " (it exists from " + municipality.existsFrom() + ")";
    }

    @EventSourcingHandler
    void on(CoalitionFounded event) {
        coalitionId = event.coalitionId();
        kind = event.kind();
        name = event.name();
        municipalityCode = event.municipalityCode();
        foundedOn = event.foundedOn();
        phase = event.phase();
        phaseSince = event.phase() == null ? null : event.foundedOn();
    }

    @EventSourcingHandler
    void on(MemberJoined event) {
        periods.computeIfAbsent(event.organisationId().value(), id -> new ArrayList<>())
               .add(new Span(event.joinedOn(), null, event.partyType(), event.role()));
    }

    @EventSourcingHandler
    void on(MemberLeft event) {
        List<Span> spans = periods.get(event.organisationId().value());
        Span last = spans.get(spans.size() - 1);
        spans.set(spans.size() - 1, new Span(last.joinedOn(), event.leftOn(), last.partyType(), last.role()));
        if (event.organisationId().equals(lead)) {
            lead = null;
            leadSince = null;
        }
    }

    @EventSourcingHandler
    void on(JoinDateCorrected event) {
        List<Span> spans = periods.get(event.organisationId().value());
        Span last = spans.get(spans.size() - 1);
        spans.set(spans.size() - 1, new Span(event.joinedOn(), last.leftOn(), last.partyType(), last.role()));
    }

    @EventSourcingHandler
    void on(LeadAssigned event) {
        lead = event.organisationId();
        leadSince = event.since();
    }

    @EventSourcingHandler
    void on(PhaseChanged event) {
        phase = event.phase();
        phaseSince = event.on();
    }

    @EventSourcingHandler
    void on(CoalitionMoved event) {
        municipalityCode = event.toMunicipalityCode();
    }

    @EventSourcingHandler
    void on(CoalitionCombined event) {
        combinedInto = event.intoCoalitionId();
        endedOn = event.on();
    }
}

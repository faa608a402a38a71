package nl.eentegeneenzaamheid.registry.link;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionDirectory;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationDirectory;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityView;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import nl.eentegeneenzaamheid.registry.pilot.PilotDirectory;
import nl.eentegeneenzaamheid.registry.readmodel.CurrentAnswers;
import org.springframework.stereotype.Component;

/**
 * Derives the national-to-local links from what the other features record, on both time axes (see docs/links.md).
 * Nothing is stored: a link is the overlap of periods the registry already keeps, so it is always as current (and as
 * correctable) as they are, and it is asked for as known at any moment. The cost is a fixed number of queries
 * (nine) whatever the number of links, organisations or municipalities asked about; the links as known now are kept
 * in {@link CurrentAnswers} until a read model changes, so that a query costs one small read between changes.
 */
@Component
public class Links {

    /** A chain of mergers longer than this would be a cycle in the register. */
    private static final int MAX_MERGERS = 50;

    private final CoalitionDirectory coalitions;
    private final PilotDirectory pilots;
    private final CollaborationDirectory collaborations;
    private final OrganisationDirectory organisations;
    private final MunicipalityDirectory municipalities;
    private final CurrentAnswers current;

    Links(CoalitionDirectory coalitions, PilotDirectory pilots, CollaborationDirectory collaborations,
          OrganisationDirectory organisations, MunicipalityDirectory municipalities, CurrentAnswers current) {
        this.current = current;
        this.coalitions = coalitions;
        this.pilots = pilots;
        this.collaborations = collaborations;
        this.organisations = organisations;
        this.municipalities = municipalities;
    }

    /**
     * Every link as known at {@code knownAt} (null: now), in every municipality and for every national organisation,
     * ordered by municipality, partner, mechanism, through and since. Overlapping or adjacent periods of one partner
     * in one municipality through the same thing are one link.
     */
    public List<LocalLink> all(Instant knownAt) {
        return knownAt == null ? current.get("links", () -> List.copyOf(derive(null))) : derive(knownAt);
    }

    private List<LocalLink> derive(Instant knownAt) {
        List<Period> memberships = coalitions.localMembershipPeriods(knownAt);
        List<Period> pilotSites = pilots.municipalityPeriods(knownAt);
        Map<String, PilotDirectory.Partners> pilotPartners = pilots.partners(
                pilotSites.stream().map(Period::group).collect(Collectors.toSet()));
        List<Period> active = collaborations.activePeriods(knownAt);
        Map<String, CollaborationDirectory.Parties> parties = collaborations.parties(
                active.stream().map(Period::id).toList());
        Set<String> organisationIds = new HashSet<>();
        memberships.forEach(p -> organisationIds.add(p.subject()));
        pilotPartners.values().forEach(p -> {
            organisationIds.add(p.nationalPartnerId());
            organisationIds.addAll(p.partnerIds());
        });
        parties.values().forEach(p -> organisationIds.addAll(p.partyIds()));
        Map<String, OrganisationView> known = organisationIds.isEmpty() ? Map.of()
                : organisations.findAll(organisationIds);
        Merger merger = new Merger(municipalities.all());

        List<LocalLink> links = new ArrayList<>();
        branchLinks(memberships, known, coalitions.localCoalitionPeriods(knownAt), links);
        for (Period site : pilotSites) {
            PilotDirectory.Partners partners = pilotPartners.get(site.group());
            if (partners == null) {
                continue;
            }
            List<String> runBy = new ArrayList<>();
            runBy.add(partners.nationalPartnerId());
            partners.partnerIds().stream().filter(id -> isNational(known, id)).forEach(runBy::add);
            runBy.forEach(partner -> merger.follow(site.subject(), site.validFrom(), site.validTo()).forEach(
                    segment -> links.add(new LocalLink(partner, segment.code(), LinkMechanism.PILOT, site.group(),
                                                       segment.from(), segment.to()))));
        }
        for (Period collaboration : active) {
            CollaborationDirectory.Parties of = parties.get(collaboration.id());
            if (of == null) {
                continue;
            }
            of.partyIds().stream().filter(id -> isNational(known, id)).forEach(partner -> of.municipalityCodes()
                    .forEach(code -> merger.follow(code, collaboration.validFrom(), collaboration.validTo())
                            .forEach(segment -> links.add(new LocalLink(
                                    partner, segment.code(), LinkMechanism.COLLABORATION, collaboration.id(),
                                    segment.from(), segment.to())))));
        }
        return coalesce(links, link -> List.of(link.municipalityCode(), link.nationalPartnerId(), link.via(),
                                               link.through()));
    }

    /**
     * The stretches of days on which a partner had at least one link in a municipality, whatever the mechanism (two
     * pilots in one town are one presence), as known at {@code knownAt}.
     */
    public List<Presence> presence(Instant knownAt) {
        return coalesce(all(knownAt), link -> List.of(link.municipalityCode(), link.nationalPartnerId())).stream()
                .map(l -> new Presence(l.nationalPartnerId(), l.municipalityCode(), l.since(), l.until())).toList();
    }

    /** A national partner present in a municipality from {@code since} until {@code until} (null: open). */
    public record Presence(String nationalPartnerId, String municipalityCode, LocalDate since, LocalDate until) {
    }

    /** The links valid on {@code asOf} as known at {@code knownAt}. */
    public List<LocalLink> on(LocalDate asOf, Instant knownAt) {
        return all(knownAt).stream().filter(link -> link.validOn(asOf)).toList();
    }

    /**
     * A branch (a LOCAL organisation with a national parent) that is a member of a local coalition links its parent
     * to wherever that coalition is while it is a member; a coalition moves with municipal reorganisations, and its
     * periods per municipality say where it was when.
     */
    private static void branchLinks(List<Period> memberships, Map<String, OrganisationView> known,
                                    List<Period> locations, List<LocalLink> links) {
        Map<String, List<Period>> whereabouts = locations.stream().collect(Collectors.groupingBy(
                p -> p.id().substring(0, p.id().lastIndexOf('/'))));
        for (Period membership : memberships) {
            OrganisationView branch = known.get(membership.subject());
            if (branch == null || branch.kind() != OrganisationKind.LOCAL || branch.parentId() == null) {
                continue;
            }
            for (Period location : whereabouts.getOrDefault(membership.group(), List.of())) {
                LocalDate from = max(membership.validFrom(), location.validFrom());
                LocalDate to = min(membership.validTo(), location.validTo());
                if (to == null || from.isBefore(to)) {
                    links.add(new LocalLink(branch.parentId(), location.subject(),
                                            LinkMechanism.BRANCH_IN_LOCAL_COALITION, branch.id(), from, to));
                }
            }
        }
    }

    private static boolean isNational(Map<String, OrganisationView> known, String id) {
        OrganisationView organisation = known.get(id);
        return organisation != null && organisation.kind() == OrganisationKind.NATIONAL;
    }

    /** One link per key for each stretch of days without a gap; the first link of a stretch names it. */
    private static List<LocalLink> coalesce(Collection<LocalLink> links, Function<LocalLink, List<Object>> keyOf) {
        Map<List<Object>, List<LocalLink>> grouped = new LinkedHashMap<>();
        links.forEach(link -> grouped.computeIfAbsent(keyOf.apply(link), key -> new ArrayList<>()).add(link));
        List<LocalLink> result = new ArrayList<>();
        grouped.values().forEach(group -> {
            group.sort(Comparator.comparing(LocalLink::since));
            LocalLink current = null;
            for (LocalLink link : group) {
                if (current != null && (current.until() == null || !link.since().isAfter(current.until()))) {
                    LocalDate until = current.until() == null || link.until() == null ? null
                            : max(current.until(), link.until());
                    current = new LocalLink(current.nationalPartnerId(), current.municipalityCode(), current.via(),
                                            current.through(), current.since(), until);
                } else {
                    if (current != null) {
                        result.add(current);
                    }
                    current = link;
                }
            }
            result.add(current);
        });
        result.sort(ORDER);
        return result;
    }

    static final Comparator<LocalLink> ORDER = Comparator.comparing(LocalLink::municipalityCode)
            .thenComparing(LocalLink::nationalPartnerId).thenComparing(LocalLink::via)
            .thenComparing(LocalLink::through).thenComparing(LocalLink::since);

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    /** The earlier of two ends, where null means open. */
    private static LocalDate min(LocalDate a, LocalDate b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** A stretch of days in one municipality: {@code [from, to)}, {@code to} null while open. */
    record Segment(String code, LocalDate from, LocalDate to) {
    }

    /** Municipal reorganisations: what took place in a dissolved municipality goes on in its receiver. */
    static final class Merger {

        private final Map<String, MunicipalityView> byCode = new HashMap<>();

        Merger(List<MunicipalityView> all) {
            all.forEach(m -> byCode.put(m.code(), m));
        }

        /**
         * The period {@code [from, to)} in municipality {@code code}, cut where the municipality was dissolved: the
         * rest continues in the receiver, from the day the merger took effect.
         */
        List<Segment> follow(String code, LocalDate from, LocalDate to) {
            List<Segment> segments = new ArrayList<>();
            for (int step = 0; step < MAX_MERGERS; step++) {
                MunicipalityView municipality = byCode.get(code);
                LocalDate dissolved = municipality == null ? null : municipality.dissolvedOn();
                if (dissolved == null || municipality.mergedInto() == null
                    || to != null && !dissolved.isBefore(to)) {
                    segments.add(new Segment(code, from, to));
                    return segments;
                }
                if (from.isBefore(dissolved)) {
                    segments.add(new Segment(code, from, dissolved));
                }
                from = max(from, dissolved);
                code = municipality.mergedInto();
            }
            throw new IllegalStateException("The mergers of " + code + " form a cycle in the municipality register");
        }
    }
}

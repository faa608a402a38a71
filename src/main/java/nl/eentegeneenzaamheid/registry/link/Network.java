package nl.eentegeneenzaamheid.registry.link;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationDirectory;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import nl.eentegeneenzaamheid.registry.pilot.PilotDirectory;
import org.springframework.stereotype.Component;

/**
 * Who works with whom on a day: organisations as nodes; an ACTIVE collaboration of n parties gives an edge per pair
 * of parties, a pilot (or its project, until stopped) an edge from its national partner to each co-partner. A pilot
 * without co-partners still puts its national partner in the network, as a node without edges.
 */
@Component
class Network {

    enum EdgeKind { COLLABORATION, PILOT }

    record Edge(EdgeKind kind, String id, OrganisationView source, OrganisationView target, LocalDate since,
                LocalDate until) {
    }

    record Graph(LocalDate asOf, List<OrganisationView> nodes, List<Edge> edges) {
    }

    private final CollaborationDirectory collaborations;
    private final PilotDirectory pilots;
    private final OrganisationDirectory organisations;

    Network(CollaborationDirectory collaborations, PilotDirectory pilots, OrganisationDirectory organisations) {
        this.collaborations = collaborations;
        this.pilots = pilots;
        this.organisations = organisations;
    }

    Graph on(LocalDate asOf, Instant knownAt) {
        List<Period> active = collaborations.activePeriods(knownAt).stream().filter(p -> p.validOn(asOf)).toList();
        List<Period> running = pilots.lifePeriods(knownAt).stream().filter(p -> p.validOn(asOf)).toList();
        Map<String, CollaborationDirectory.Parties> parties = collaborations.parties(
                active.stream().map(Period::id).toList());
        Map<String, PilotDirectory.Partners> partners = pilots.partners(running.stream().map(Period::id).toList());
        record Link(EdgeKind kind, String id, String source, String target, LocalDate since, LocalDate until) {
        }
        List<Link> links = new ArrayList<>();
        Set<String> nodeIds = new LinkedHashSet<>();
        for (Period collaboration : active) {
            List<String> ids = parties.containsKey(collaboration.id())
                    ? parties.get(collaboration.id()).partyIds() : List.of();
            nodeIds.addAll(ids);
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    links.add(new Link(EdgeKind.COLLABORATION, collaboration.id(), ids.get(i), ids.get(j),
                                       collaboration.validFrom(), collaboration.validTo()));
                }
            }
        }
        for (Period pilot : running) {
            PilotDirectory.Partners of = partners.get(pilot.id());
            if (of == null) {
                continue;
            }
            nodeIds.add(of.nationalPartnerId());
            nodeIds.addAll(of.partnerIds());
            of.partnerIds().forEach(partner -> links.add(new Link(EdgeKind.PILOT, pilot.id(), of.nationalPartnerId(),
                                                                  partner, pilot.validFrom(), pilot.validTo())));
        }
        Map<String, OrganisationView> found = nodeIds.isEmpty() ? Map.of() : organisations.findAll(nodeIds);
        List<OrganisationView> nodes = found.values().stream()
                                            .sorted(Comparator.comparing(OrganisationView::nameKey)
                                                              .thenComparing(OrganisationView::id)).toList();
        List<Edge> edges = links.stream().filter(l -> found.containsKey(l.source()) && found.containsKey(l.target()))
                                .map(l -> new Edge(l.kind(), l.id(), found.get(l.source()), found.get(l.target()),
                                                   l.since(), l.until()))
                                .sorted(Comparator.comparing(Edge::kind).thenComparing(Edge::id)
                                                  .thenComparing(e -> e.source().id())
                                                  .thenComparing(e -> e.target().id()))
                                .toList();
        return new Graph(asOf, nodes, edges);
    }
}

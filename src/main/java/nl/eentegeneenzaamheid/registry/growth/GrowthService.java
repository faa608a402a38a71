package nl.eentegeneenzaamheid.registry.growth;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationDirectory;
import nl.eentegeneenzaamheid.registry.link.LinkMechanism;
import nl.eentegeneenzaamheid.registry.link.Links;
import nl.eentegeneenzaamheid.registry.link.LocalLink;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.common.TimeAxes;
import nl.eentegeneenzaamheid.registry.growth.Growth.Bucket;
import nl.eentegeneenzaamheid.registry.growth.Growth.Point;
import nl.eentegeneenzaamheid.registry.readmodel.CurrentAnswers;
import org.springframework.stereotype.Service;

/**
 * Growth series and the programme's indicators, computed from the metrics' periods on both time axes. The periods
 * as known now, their buckets and the collaborations' parties are kept in {@link CurrentAnswers} until a read model
 * changes: between changes a question costs no read of all the periods, whatever the size of the registry.
 */
@Service
class GrowthService {

    /** A monthly series over more than this many periods is refused: nobody reads it, and it costs. */
    static final int MAX_POINTS = 1200;

    record Series(GrowthMetric metric, Interval interval, Breakdown breakdown, List<Point> points) {
    }

    record Indicators(LocalDate asOf, int nationalCoalitionMembers, List<Bucket> membersBySector,
                      int collaborationsBetweenNationalMembers, int nationalMembersRepresentedLocally,
                      int municipalitiesParticipating, int municipalitiesWithLocalCoalition, int runningPilots,
                      int pilotsConvertedToProjects, int nationalMembersWithBranchInLocalCoalition) {
    }

    private final Map<Fact, MetricSource> sources = new EnumMap<>(Fact.class);
    private final Clock clock;
    private final CollaborationDirectory collaborations;
    private final Links links;
    private final CurrentAnswers current;

    GrowthService(List<MetricSource> sources, Clock clock, CollaborationDirectory collaborations, Links links,
                  CurrentAnswers current) {
        sources.forEach(source -> this.sources.put(source.fact(), source));
        this.current = current;
        this.clock = clock;
        this.collaborations = collaborations;
        this.links = links;
    }

    Series growth(GrowthMetric metric, LocalDate from, LocalDate to, Interval interval, Breakdown breakdown,
                  OffsetDateTime knownAt) {
        TimeAxes axes = TimeAxes.of(null, knownAt, clock);
        // An explicit null stands for the schema's default, as leaving the argument out does.
        interval = interval == null ? Interval.YEAR : interval;
        breakdown = breakdown == null ? Breakdown.NONE : breakdown;
        if (breakdown != Breakdown.NONE && breakdown != metric.breakdown()) {
            throw RegistryException.validation(metric + " can be broken down by " + metric.breakdown()
                                               + " (or NONE), not by " + breakdown);
        }
        Known known = known(metric.fact(), axes.knownAt(), breakdown != Breakdown.NONE);
        List<Period> periods = known.periods();
        LocalDate last = to != null ? to : axes.asOf();
        LocalDate first = from != null ? from
                : periods.stream().map(Period::validFrom).min(LocalDate::compareTo).orElse(last);
        if (first.isAfter(last)) {
            throw RegistryException.validation("from (" + first + ") lies after to (" + last + ")");
        }
        long count = interval.startOf(first).until(interval.startOf(last), ChronoUnit.MONTHS)
                     / switch (interval) {
                         case MONTH -> 1;
                         case QUARTER -> 3;
                         case YEAR -> 12;
                     } + 1;
        if (count > MAX_POINTS) {
            throw RegistryException.validation("That is " + count + " periods; ask for at most " + MAX_POINTS
                                               + " (a shorter range or a longer interval)");
        }
        Function<Period, String> bucketOf = breakdown == Breakdown.NONE ? null : known.bucketOf();
        return new Series(metric, interval, breakdown, Growth.series(periods, interval, first, last, bucketOf));
    }

    Indicators indicators(LocalDate asOf, OffsetDateTime knownAt) {
        TimeAxes axes = TimeAxes.of(asOf, knownAt, clock);
        LocalDate day = axes.asOf();
        Instant known = axes.knownAt();
        Known national = known(Fact.NATIONAL_MEMBERSHIPS, known, true);
        List<Period> members = national.periods();
        Set<String> membersOnDay = members.stream().filter(p -> p.validOn(day)).map(Period::subject)
                                          .collect(Collectors.toSet());
        List<LocalLink> linksOnDay = links.on(day, known);
        return new Indicators(day,
                              countOn(members, day),
                              Growth.bucketsOn(members, day, national.bucketOf()),
                              betweenMembers(periods(Fact.COLLABORATIONS, known), day, membersOnDay, known),
                              representedLocally(linksOnDay, membersOnDay, null),
                              countOn(periods(Fact.PROGRAMME_PARTICIPATIONS, known), day),
                              distinctSubjectsOn(periods(Fact.LOCAL_COALITIONS, known), day),
                              countOn(periods(Fact.PILOTS, known), day),
                              countOn(periods(Fact.PROJECTS, known), day),
                              representedLocally(linksOnDay, membersOnDay, LinkMechanism.BRANCH_IN_LOCAL_COALITION));
    }

    /** Collaborations active on the day whose parties are all National Coalition members on that day. */
    private int betweenMembers(List<Period> periods, LocalDate day, Set<String> members, Instant knownAt) {
        List<String> ids = periods.stream().filter(p -> p.validOn(day)).map(Period::id).distinct().toList();
        if (ids.isEmpty()) {
            return 0;
        }
        Map<String, CollaborationDirectory.Parties> parties = knownAt != null ? collaborations.parties(ids)
                : current.get("growth:parties", () -> Map.copyOf(
                        collaborations.parties(periods.stream().map(Period::id).distinct().toList())));
        if (!parties.keySet().containsAll(ids)) {
            // Kept before a collaboration the periods already hold was recorded: ask for these.
            parties = collaborations.parties(ids);
        }
        return (int) ids.stream().map(parties::get).filter(c -> c != null && members.containsAll(c.partyIds()))
                        .count();
    }

    /** Members with at least one link on the day, through {@code via} only (null: any mechanism). */
    private static int representedLocally(List<LocalLink> links, Set<String> members, LinkMechanism via) {
        return (int) links.stream().filter(l -> via == null || l.via() == via).map(LocalLink::nationalPartnerId)
                          .filter(members::contains).distinct().count();
    }

    private List<Period> periods(Fact fact, Instant knownAt) {
        return known(fact, knownAt, false).periods();
    }

    /** A metric's periods and (when asked for) their subjects' buckets, read together so that they agree. */
    private record Known(List<Period> periods, Map<String, String> buckets) {

        Function<Period, String> bucketOf() {
            return period -> buckets.getOrDefault(period.subject(), "OTHER");
        }
    }

    /** As known now, kept until a read model changes (with the buckets); as known at a past moment, read afresh. */
    private Known known(Fact fact, Instant knownAt, boolean withBuckets) {
        return knownAt == null ? current.get("growth:" + fact, () -> read(fact, null, true))
                : read(fact, knownAt, withBuckets);
    }

    private Known read(Fact fact, Instant knownAt, boolean withBuckets) {
        MetricSource source = sources.get(fact);
        List<Period> periods = List.copyOf(source.periods(knownAt));
        return new Known(periods, !withBuckets ? Map.of()
                : Map.copyOf(source.buckets(periods.stream().map(Period::subject).distinct().toList())));
    }

    private static int countOn(List<Period> periods, LocalDate day) {
        return (int) periods.stream().filter(p -> p.validOn(day)).count();
    }

    private static int distinctSubjectsOn(List<Period> periods, LocalDate day) {
        return (int) periods.stream().filter(p -> p.validOn(day)).map(Period::subject).distinct().count();
    }
}

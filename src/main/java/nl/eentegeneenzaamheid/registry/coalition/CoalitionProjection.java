package nl.eentegeneenzaamheid.registry.coalition;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.CoalitionCombined;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.CoalitionFounded;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.CoalitionMoved;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.JoinDateCorrected;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.LeadAssigned;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.MemberJoined;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.MemberLeft;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionEvent.PhaseChanged;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionView.PhaseChange;
import nl.eentegeneenzaamheid.registry.common.Batches;
import nl.eentegeneenzaamheid.registry.common.Periods;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.readmodel.CollectionNames;
import nl.eentegeneenzaamheid.registry.readmodel.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The coalitions read models: {@code coalitions} (one document per coalition), {@code membership_periods}
 * (bitemporal, one period per joining event, with the party's type and role beside it in
 * {@code membership_details}) and {@code local_coalition_periods} (bitemporal existence of local coalitions per
 * municipality). Handlers set values taken from the event, and periods ignore an event applied before, so applying an
 * event twice changes nothing.
 */
@Component
@ProcessingGroup("coalitions")
class CoalitionProjection implements CoalitionDirectory, ReadModel {

    static final String LOCAL_COALITIONS = "local-coalitions";

    private final MongoTemplate mongo;
    private final String coalitions;
    private final String membershipDetails;
    private final String membershipPeriods;
    private final String localCoalitionPeriods;
    private final Periods memberships;
    private final Periods localCoalitions;

    @Autowired
    CoalitionProjection(MongoTemplate mongo) {
        this(mongo, CollectionNames.LIVE);
    }

    private CoalitionProjection(MongoTemplate mongo, CollectionNames names) {
        this.mongo = mongo;
        this.coalitions = names.of(CoalitionView.COLLECTION);
        this.membershipDetails = names.of("membership_details");
        this.membershipPeriods = names.of("membership_periods");
        this.localCoalitionPeriods = names.of("local_coalition_periods");
        this.memberships = new Periods(mongo, membershipPeriods);
        this.localCoalitions = new Periods(mongo, localCoalitionPeriods);
    }

    @Override
    public List<String> collections() {
        return List.of(coalitions, membershipDetails, membershipPeriods, localCoalitionPeriods);
    }

    @Override
    public ReadModel writingTo(CollectionNames names) {
        return new CoalitionProjection(mongo, names);
    }

    @EventHandler
    void on(CoalitionFounded event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        List<PhaseChange> phases = event.phase() == null ? List.of()
                : List.of(new PhaseChange(event.phase(), event.foundedOn(), eventId));
        mongo.save(new CoalitionView(event.coalitionId().value(), event.kind(), event.name(), event.municipalityCode(),
                                     event.foundedOn(), event.phase(), phases, null, null, null, null, recordedAt),
                  coalitions);
        if (event.kind() == CoalitionKind.LOCAL) {
            localCoalitions.record(locationId(event.coalitionId(), event.municipalityCode()), LOCAL_COALITIONS,
                                   event.municipalityCode(), event.foundedOn(), null, eventId, recordedAt);
        }
    }

    @EventHandler
    void on(MemberJoined event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        mongo.getCollection(membershipDetails).replaceOne(
                new Document("_id", eventId),
                new Document("_id", eventId).append("coalitionId", event.coalitionId().value())
                                            .append("organisationId", event.organisationId().value())
                                            .append("partyType", event.partyType() == null ? null : event.partyType().name())
                                            .append("role", event.role() == null ? null : event.role().name()),
                new ReplaceOptions().upsert(true));
        memberships.record(eventId, event.coalitionId().value(), event.organisationId().value(), event.joinedOn(),
                           null, eventId, recordedAt);
    }

    @EventHandler
    void on(MemberLeft event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        lastPeriod(event.coalitionId().value(), event.organisationId().value()).ifPresent(
                p -> memberships.record(p.id(), p.group(), p.subject(), p.validFrom(), event.leftOn(), eventId,
                                        recordedAt));
        // The aggregate drops a lead that leaves; so does the read model.
        mongo.updateFirst(query(where("_id").is(event.coalitionId().value())
                                        .and("lead").is(event.organisationId().value())),
                          new Update().set("lead", null).set("leadSince", null), CoalitionView.class, coalitions);
    }

    @EventHandler
    void on(JoinDateCorrected event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        lastPeriod(event.coalitionId().value(), event.organisationId().value()).ifPresent(
                p -> memberships.record(p.id(), p.group(), p.subject(), event.joinedOn(), p.validTo(), eventId,
                                        recordedAt));
    }

    @EventHandler
    void on(LeadAssigned event) {
        mongo.updateFirst(query(where("_id").is(event.coalitionId().value())),
                          new Update().set("lead", event.organisationId().value()).set("leadSince", event.since()),
                          CoalitionView.class, coalitions);
    }

    @EventHandler
    void on(PhaseChanged event, @MessageIdentifier String eventId) {
        find(event.coalitionId().value()).ifPresent(coalition -> {
            if (coalition.phaseHistory().stream().noneMatch(p -> eventId.equals(p.eventId()))) {
                List<PhaseChange> history = new ArrayList<>(coalition.phaseHistory());
                history.add(new PhaseChange(event.phase(), event.on(), eventId));
                mongo.updateFirst(query(where("_id").is(coalition.id())),
                                  new Update().set("phase", event.phase()).set("phaseHistory", history),
                                  CoalitionView.class, coalitions);
            }
        });
    }

    @EventHandler
    void on(CoalitionMoved event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        mongo.updateFirst(query(where("_id").is(event.coalitionId().value())),
                          new Update().set("municipalityCode", event.toMunicipalityCode()), CoalitionView.class,
                          coalitions);
        String from = locationId(event.coalitionId(), event.fromMunicipalityCode());
        localCoalitions.current(from).ifPresent(p -> localCoalitions.record(
                p.id(), p.group(), p.subject(), p.validFrom(), event.on(), eventId, recordedAt));
        localCoalitions.record(locationId(event.coalitionId(), event.toMunicipalityCode()), LOCAL_COALITIONS,
                               event.toMunicipalityCode(), event.on(), null, eventId, recordedAt);
    }

    @EventHandler
    void on(CoalitionCombined event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        find(event.coalitionId().value()).ifPresent(coalition -> {
            mongo.updateFirst(query(where("_id").is(coalition.id())),
                              new Update().set("endedOn", event.on())
                                          .set("combinedInto", event.intoCoalitionId().value()),
                              CoalitionView.class, coalitions);
            localCoalitions.current(locationId(event.coalitionId(), coalition.municipalityCode())).ifPresent(
                    p -> localCoalitions.record(p.id(), p.group(), p.subject(), p.validFrom(), event.on(), eventId,
                                                recordedAt));
        });
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(coalitions);
        mongo.dropCollection(membershipDetails);
        memberships.drop();
        localCoalitions.drop();
    }

    private static String locationId(CoalitionId coalitionId, String municipalityCode) {
        return coalitionId.value() + "/" + municipalityCode;
    }

    /** The organisation's latest period in the coalition: periods of one party in one coalition never overlap. */
    private Optional<Period> lastPeriod(String coalitionId, String organisationId) {
        return memberships.ofSubjects(List.of(organisationId), null).stream()
                          .filter(p -> p.group().equals(coalitionId))
                          .max(Comparator.comparing(Period::validFrom));
    }

    // Queries

    @Override
    public List<Period> membershipPeriods(CoalitionId coalitionId, Instant knownAt) {
        return memberships.knownAt(List.of(coalitionId.value()), knownAt);
    }

    @Override
    public List<Period> localMembershipPeriods(Instant knownAt) {
        return memberships.knownAt(null, knownAt).stream()
                          .filter(p -> !p.group().equals(CoalitionId.NATIONAL.value())).toList();
    }

    @Override
    public List<LocalCoalitionView> localCoalitions(Instant knownAt) {
        Map<String, List<Period>> byCoalition = localCoalitionPeriods(knownAt).stream().collect(
                Collectors.groupingBy(p -> p.id().substring(0, p.id().lastIndexOf('/')), LinkedHashMap::new,
                                      Collectors.toList()));
        List<LocalCoalitionView> views = new ArrayList<>();
        byCoalition.forEach((id, periods) -> {
            periods.sort(Comparator.comparing(Period::validFrom));
            Period first = periods.get(0);
            Period last = periods.get(periods.size() - 1);
            views.add(new LocalCoalitionView(id, last.subject(), first.validFrom(), last.validTo(),
                                             first.recordedAt()));
        });
        return views;
    }

    @Override
    public List<Period> localCoalitionPeriods(Instant knownAt) {
        return localCoalitions.knownAt(List.of(LOCAL_COALITIONS), knownAt);
    }

    @Override
    public Optional<CoalitionView> find(String id) {
        return Optional.ofNullable(mongo.findById(id, CoalitionView.class, coalitions));
    }

    Map<String, CoalitionView> findAll(Collection<String> ids) {
        return Batches.byIds(mongo, CoalitionView.class, coalitions, ids, CoalitionView::id);
    }

    /** The coalitions still active in the given municipalities, in one query. */
    Map<String, CoalitionView> activeIn(Collection<String> municipalityCodes) {
        Map<String, CoalitionView> found = new LinkedHashMap<>();
        if (!municipalityCodes.isEmpty()) {
            mongo.find(query(where("municipalityCode").in(municipalityCodes).and("endedOn").is(null)),
                       CoalitionView.class, coalitions).forEach(c -> found.put(c.municipalityCode(), c));
        }
        return found;
    }

    /** Members of the coalitions on {@code asOf} as known at {@code knownAt}, in one query per collection. */
    List<MembershipView> membersOn(Collection<String> coalitionIds, LocalDate asOf, Instant knownAt) {
        return withDetails(memberships.knownAt(List.copyOf(coalitionIds), knownAt).stream()
                                      .filter(p -> p.validOn(asOf)).toList());
    }

    /** Memberships of the organisations valid on {@code asOf} as known at {@code knownAt}. */
    List<MembershipView> membershipsOn(Collection<String> organisationIds, LocalDate asOf, Instant knownAt) {
        return withDetails(memberships.ofSubjects(List.copyOf(organisationIds), knownAt).stream()
                                      .filter(p -> p.validOn(asOf)).toList());
    }

    @Override
    public List<MembershipView> membershipHistory(String coalitionId, Instant knownAt) {
        return withDetails(memberships.knownAt(List.of(coalitionId), knownAt));
    }

    /** The organisation's latest period in the coalition as known now, the answer to a membership mutation. */
    Optional<MembershipView> latestMembership(String coalitionId, String organisationId) {
        return lastPeriod(coalitionId, organisationId).map(p -> withDetails(List.of(p)).get(0));
    }

    private List<MembershipView> withDetails(List<Period> periods) {
        Map<String, Document> details = new HashMap<>();
        if (!periods.isEmpty()) {
            List<String> ids = periods.stream().map(Period::id).toList();
            mongo.getCollection(membershipDetails).find(new Document("_id", new Document("$in", ids)))
                 .forEach(d -> details.put(d.getString("_id"), d));
        }
        return periods.stream().map(p -> {
            Document d = details.getOrDefault(p.id(), new Document());
            String partyType = d.getString("partyType");
            String role = d.getString("role");
            return new MembershipView(p.id(), p.group(), p.subject(), p.validFrom(), p.validTo(),
                                      partyType == null ? null : PartyType.valueOf(partyType),
                                      role == null ? null : ContributionRole.valueOf(role));
        }).toList();
    }
}

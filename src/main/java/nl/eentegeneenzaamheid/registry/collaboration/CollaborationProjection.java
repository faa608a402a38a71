package nl.eentegeneenzaamheid.registry.collaboration;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationActivated;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationConfirmed;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationDeclined;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationEnded;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationEvent.CollaborationProposed;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationView.Party;
import nl.eentegeneenzaamheid.registry.common.Batches;
import nl.eentegeneenzaamheid.registry.common.Periods;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.readmodel.CollectionNames;
import nl.eentegeneenzaamheid.registry.readmodel.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The collaborations read models: {@code collaborations} (one document per collaboration, as known now) and
 * {@code collaboration_periods} (bitemporal: when each ran, as known at any moment). Handlers set values taken from
 * the event, and periods ignore an event applied before, so applying an event twice changes nothing.
 */
@Component
@ProcessingGroup("collaborations")
class CollaborationProjection implements CollaborationDirectory, ReadModel {

    static final String ACTIVE = "collaborations";

    private final MongoTemplate mongo;
    private final String collaborations;
    private final Periods periods;
    private final String periodsCollection;

    @Autowired
    CollaborationProjection(MongoTemplate mongo) {
        this(mongo, CollectionNames.LIVE);
    }

    private CollaborationProjection(MongoTemplate mongo, CollectionNames names) {
        this.mongo = mongo;
        this.collaborations = names.of(CollaborationView.COLLECTION);
        this.periodsCollection = names.of("collaboration_periods");
        this.periods = new Periods(mongo, periodsCollection);
    }

    @Override
    public List<String> collections() {
        return List.of(collaborations, periodsCollection);
    }

    @Override
    public ReadModel writingTo(CollectionNames names) {
        return new CollaborationProjection(mongo, names);
    }

    @EventHandler
    void on(CollaborationProposed event, @Timestamp Instant recordedAt) {
        List<Party> parties = event.partyIds().stream()
                                   .map(id -> id.equals(event.proposedBy())
                                           ? new Party(id.value(), true, false, null, recordedAt)
                                           : new Party(id.value(), false, false, null, null)).toList();
        mongo.save(new CollaborationView(event.collaborationId().value(), event.title(), event.description(),
                                         event.proposedBy().value(), parties,
                                         event.partyIds().stream().map(OrganisationId::value).toList(),
                                         event.municipalityCodes(), CollaborationStatus.PROPOSED, event.startsOn(),
                                         null, null, null, recordedAt), collaborations);
    }

    @EventHandler
    void on(CollaborationConfirmed event, @Timestamp Instant recordedAt) {
        answer(event.collaborationId(), new Party(event.organisationId().value(), true, false, null, recordedAt));
    }

    /** Replaces the party's entry by its answer. */
    private void answer(CollaborationId collaborationId, Party answer) {
        find(collaborationId.value()).ifPresent(c -> mongo.updateFirst(
                byId(c.id()),
                new Update().set("parties", c.parties().stream().map(
                        p -> p.organisationId().equals(answer.organisationId()) ? answer : p).toList()),
                CollaborationView.class, collaborations));
    }

    @EventHandler
    void on(CollaborationActivated event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        find(event.collaborationId().value()).ifPresent(c -> {
            mongo.updateFirst(byId(c.id()), new Update().set("status", CollaborationStatus.ACTIVE)
                                                         .set("activeFrom", event.activeFrom()),
                              CollaborationView.class, collaborations);
            periods.record(c.id(), ACTIVE, c.proposedBy(), event.activeFrom(), null, eventId, recordedAt);
        });
    }

    @EventHandler
    void on(CollaborationDeclined event, @Timestamp Instant recordedAt) {
        answer(event.collaborationId(),
               new Party(event.organisationId().value(), false, true, event.reason(), recordedAt));
        mongo.updateFirst(byId(event.collaborationId().value()),
                          new Update().set("status", CollaborationStatus.DECLINED), CollaborationView.class,
                          collaborations);
    }

    @EventHandler
    void on(CollaborationEnded event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        mongo.updateFirst(byId(event.collaborationId().value()),
                          new Update().set("status", CollaborationStatus.ENDED).set("endedOn", event.endedOn())
                                      .set("endReason", event.reason()),
                          CollaborationView.class, collaborations);
        periods.current(event.collaborationId().value()).ifPresent(p -> periods.record(
                p.id(), p.group(), p.subject(), p.validFrom(), event.endedOn(), eventId, recordedAt));
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(collaborations);
        periods.drop();
    }

    private static Query byId(String id) {
        return query(where("_id").is(id));
    }

    // Queries

    Optional<CollaborationView> find(String id) {
        return Optional.ofNullable(mongo.findById(id, CollaborationView.class, collaborations));
    }

    Map<String, CollaborationView> findAll(Collection<String> ids) {
        return Batches.byIds(mongo, CollaborationView.class, collaborations, ids, CollaborationView::id);
    }

    /** Collaborations with the given status (null: any) in which any of the organisations (null: any) takes part. */
    List<CollaborationView> search(CollaborationStatus status, Collection<String> organisationIds) {
        Query query = new Query();
        if (status != null) {
            query.addCriteria(where("status").is(status));
        }
        if (organisationIds != null) {
            query.addCriteria(where("partyIds").in(organisationIds));
        }
        return mongo.find(query, CollaborationView.class, collaborations).stream().sorted(ORDER).toList();
    }

    static final Comparator<CollaborationView> ORDER =
            Comparator.comparing(CollaborationView::recordedAt).thenComparing(CollaborationView::id);

    @Override
    public List<CollaborationView> all() {
        return mongo.findAll(CollaborationView.class, collaborations).stream().sorted(ORDER).toList();
    }

    @Override
    public List<Period> activePeriods(Instant knownAt) {
        return periods.knownAt(List.of(ACTIVE), knownAt);
    }

    @Override
    public Map<String, Parties> parties(Collection<String> collaborationIds) {
        Map<String, Parties> found = new LinkedHashMap<>();
        findAll(collaborationIds).forEach((id, c) -> found.put(
                id, new Parties(id, c.proposedBy(), c.partyIds(), c.municipalityCodes())));
        return found;
    }
}

package nl.eentegeneenzaamheid.registry.municipality;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.common.Batches;
import nl.eentegeneenzaamheid.registry.common.Periods;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalitiesMerged;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalityRecorded;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalitySplit;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.ProgrammeJoined;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.ProgrammeLeft;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.Share;
import nl.eentegeneenzaamheid.registry.readmodel.CollectionNames;
import nl.eentegeneenzaamheid.registry.readmodel.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code municipalities} read model and the participation periods (both time axes). Handlers set values from
 * the event, add to sets, or record a period version keyed by the event's id, so applying an event twice is harmless.
 */
@Component
@ProcessingGroup("municipalities")
class MunicipalityProjection implements MunicipalityDirectory, ReadModel {

    static final String COLLECTION = "municipalities";
    static final String PARTICIPATION = "participation";
    private static final String PARTICIPATION_PERIODS = "participation_periods";
    private final MongoTemplate mongo;
    private final String collection;
    private final String participationCollection;
    private final Periods participation;

    @Autowired
    MunicipalityProjection(MongoTemplate mongo) {
        this(mongo, CollectionNames.LIVE);
    }

    private MunicipalityProjection(MongoTemplate mongo, CollectionNames names) {
        this.mongo = mongo;
        this.collection = names.of(COLLECTION);
        this.participationCollection = names.of(PARTICIPATION_PERIODS);
        this.participation = new Periods(mongo, participationCollection);
    }

    @Override
    public List<String> collections() {
        return List.of(collection, participationCollection);
    }

    @Override
    public ReadModel writingTo(CollectionNames names) {
        return new MunicipalityProjection(mongo, names);
    }

    @EventHandler
    void on(MunicipalityRecorded event) {
        mongo.upsert(query(where("_id").is(event.code())),
                     new Update().set("name", event.name()).set("shortName", event.shortName())
                                 .set("province", event.province())
                                 .set("existsFrom", event.existsFrom())
                                 .setOnInsert("predecessors", List.of()),
                     MunicipalityView.class, collection);
    }

    @EventHandler
    void on(ProgrammeJoined event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        participation.record(periodId(event.code(), event.joinedOn()), PARTICIPATION, event.code(), event.joinedOn(),
                             null, message.getIdentifier(), recordedAt);
        mongo.updateFirst(query(where("_id").is(event.code())),
                          new Update().set("joinedProgrammeOn", event.joinedOn()).unset("leftProgrammeOn"),
                          MunicipalityView.class, collection);
    }

    @EventHandler
    void on(ProgrammeLeft event, EventMessage<?> message, @Timestamp Instant recordedAt) {
        // Events arrive in log order, so the view still names the period this leave closes.
        MunicipalityView municipality = find(event.code()).orElseThrow(
                () -> new IllegalStateException("ProgrammeLeft for unknown municipality " + event.code()));
        participation.record(periodId(event.code(), municipality.joinedProgrammeOn()), PARTICIPATION, event.code(),
                             municipality.joinedProgrammeOn(), event.leftOn(), message.getIdentifier(), recordedAt);
        mongo.updateFirst(query(where("_id").is(event.code())), new Update().set("leftProgrammeOn", event.leftOn()),
                          MunicipalityView.class, collection);
    }

    @EventHandler
    void on(MunicipalitiesMerged event) {
        mongo.updateMulti(query(where("_id").in(event.mergedCodes())),
                          new Update().set("dissolvedOn", event.effectiveOn()).set("mergedInto", event.intoCode()),
                          MunicipalityView.class, collection);
        mongo.updateFirst(query(where("_id").is(event.intoCode())),
                          new Update().addToSet("predecessors").each(event.mergedCodes().toArray()),
                          MunicipalityView.class, collection);
    }

    /** Every receiver got part of the old municipality, so each lists it as a predecessor. */
    @EventHandler
    void on(MunicipalitySplit event) {
        mongo.updateFirst(query(where("_id").is(event.code())),
                          new Update().set("dissolvedOn", event.effectiveOn()).set("mergedInto", event.mainReceiver()),
                          MunicipalityView.class, collection);
        mongo.updateMulti(query(where("_id").in(event.receivers().stream().map(Share::code).toList())),
                          new Update().addToSet("predecessors", event.code()), MunicipalityView.class, collection);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(collection);
        participation.drop();
    }

    private static String periodId(String code, LocalDate joinedOn) {
        // Periods of one municipality never overlap, so the join date tells them apart.
        return code + ":" + joinedOn;
    }

    @Override
    public Optional<MunicipalityView> find(String code) {
        return Optional.ofNullable(mongo.findById(code, MunicipalityView.class, collection));
    }

    @Override
    public Map<String, MunicipalityView> findAll(Collection<String> codes) {
        return Batches.byIds(mongo, MunicipalityView.class, collection, codes, MunicipalityView::code);
    }

    @Override
    public List<MunicipalityView> all() {
        return mongo.findAll(MunicipalityView.class, collection);
    }

    @Override
    public List<Periods.Period> participationPeriods(Instant knownAt) {
        return participation.knownAt(List.of(PARTICIPATION), knownAt);
    }
}

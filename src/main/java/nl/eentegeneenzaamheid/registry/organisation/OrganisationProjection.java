package nl.eentegeneenzaamheid.registry.organisation;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.eentegeneenzaamheid.registry.common.Batches;
import nl.eentegeneenzaamheid.registry.common.Text;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent.OrganisationRegistered;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent.OrganisationRenamed;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent.OrganisationUpdated;
import nl.eentegeneenzaamheid.registry.readmodel.CollectionNames;
import nl.eentegeneenzaamheid.registry.readmodel.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code organisations} read model. Every handler sets values from the event alone, so applying it twice is harmless. */
@Component
@ProcessingGroup("organisations")
class OrganisationProjection implements OrganisationDirectory, ReadModel {

    static final String COLLECTION = "organisations";
    private final MongoTemplate mongo;
    private final String collection;

    @Autowired
    OrganisationProjection(MongoTemplate mongo) {
        this(mongo, CollectionNames.LIVE);
    }

    private OrganisationProjection(MongoTemplate mongo, CollectionNames names) {
        this.mongo = mongo;
        this.collection = names.of(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(collection);
    }

    @Override
    public ReadModel writingTo(CollectionNames names) {
        return new OrganisationProjection(mongo, names);
    }

    @EventHandler
    void on(OrganisationRegistered event, @Timestamp Instant recordedAt) {
        mongo.save(new OrganisationView(event.organisationId().value(), event.name(), Text.searchKey(event.name()),
                                        event.kind(), event.sector(), event.kvkNumber(),
                                        event.parentId() == null ? null : event.parentId().value(),
                                        event.municipalityCode(), recordedAt), collection);
    }

    @EventHandler
    void on(OrganisationRenamed event) {
        mongo.updateFirst(query(where("_id").is(event.organisationId().value())),
                          new Update().set("name", event.name()).set("nameKey", Text.searchKey(event.name())),
                          OrganisationView.class, collection);
    }

    @EventHandler
    void on(OrganisationUpdated event) {
        mongo.updateFirst(query(where("_id").is(event.organisationId().value())),
                          new Update().set("sector", event.sector()).set("kvkNumber", event.kvkNumber()),
                          OrganisationView.class, collection);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(collection);
    }

    @Override
    public Optional<OrganisationView> find(String id) {
        return Optional.ofNullable(mongo.findById(id, OrganisationView.class, collection));
    }

    @Override
    public Map<String, OrganisationView> findAll(Collection<String> ids) {
        return Batches.byIds(mongo, OrganisationView.class, collection, ids, OrganisationView::id);
    }

    @Override
    public List<OrganisationView> all() {
        return mongo.findAll(OrganisationView.class, collection);
    }

    /** Branches of the given national organisations, in one query. */
    List<OrganisationView> branchesOf(Collection<String> parentIds) {
        return mongo.find(query(where("parentId").in(parentIds)).with(Sort.by("nameKey", "_id")),
                          OrganisationView.class, collection);
    }

    /**
     * A page of organisations ordered by name, then id; {@code after} is the last (nameKey, id) seen.
     * Returns one more than asked so the caller knows whether another page follows.
     */
    List<OrganisationView> search(String search, OrganisationKind kind, Sector sector, String afterKey,
                                  String afterId, int limit) {
        List<Criteria> criteria = new ArrayList<>();
        if (search != null && !search.isBlank()) {
            criteria.add(where("nameKey").regex(Pattern.quote(Text.searchKey(search))));
        }
        if (kind != null) {
            criteria.add(where("kind").is(kind));
        }
        if (sector != null) {
            criteria.add(where("sector").is(sector));
        }
        if (afterKey != null) {
            criteria.add(new Criteria().orOperator(where("nameKey").gt(afterKey),
                                                   where("nameKey").is(afterKey).and("_id").gt(afterId)));
        }
        Query query = criteria.isEmpty() ? new Query() : new Query(new Criteria().andOperator(criteria));
        return mongo.find(query.with(Sort.by("nameKey", "_id")).limit(limit + 1), OrganisationView.class,
                          collection);
    }
}

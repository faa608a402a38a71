package nl.eentegeneenzaamheid.registry.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.eentegeneenzaamheid.registry.readmodel.CollectionNames;
import nl.eentegeneenzaamheid.registry.readmodel.ReadModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.UnknownSerializedType;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The index behind {@code Organisation.history} and {@code history(id)} for a municipality: per organisation id or
 * municipality code, the positions of the events that name it ({@code audit_mentions}: {@code {_id: id, positions:
 * [..]}}, in log order). "Names it" is read from the payload's fields, whatever the event type, so new event types
 * are covered when they use these names. Adding a position is {@code $addToSet}: applying an event twice adds
 * nothing, and the index can be rebuilt from the log like every read model.
 */
@Component
@ProcessingGroup("audit-mentions")
class Mentions implements ReadModel {

    static final String COLLECTION = "audit_mentions";
    /** Payload fields holding an organisation id or a list of them. */
    static final List<String> ORGANISATION_FIELDS = List.of("organisationId", "proposedBy", "partyIds",
                                                            "nationalPartnerId", "partnerIds");
    /** Payload fields holding a municipality code, a list of them, or receivers with a code. */
    static final List<String> MUNICIPALITY_FIELDS = List.of("code", "intoCode", "mergedCodes", "municipalityCode",
                                                            "municipalityCodes", "fromMunicipalityCode",
                                                            "toMunicipalityCode", "receivers");

    /**
     * Aggregates whose events are not part of an organisation's or municipality's history although they name one:
     * a partner's access token belongs to the token registry, which only the programme team reads.
     */
    static final Set<String> NOT_HISTORY = Set.of("AccessToken");

    private final MongoTemplate mongo;
    private final ObjectMapper json;
    private final String collection;

    @Autowired
    Mentions(MongoTemplate mongo, ObjectMapper json) {
        this(mongo, json, CollectionNames.LIVE);
    }

    private Mentions(MongoTemplate mongo, ObjectMapper json, CollectionNames names) {
        this.mongo = mongo;
        this.json = json;
        this.collection = names.of(COLLECTION);
    }

    @Override
    public List<String> collections() {
        return List.of(collection);
    }

    @Override
    public ReadModel writingTo(CollectionNames names) {
        return new Mentions(mongo, json, names);
    }

    @EventHandler
    void on(Object payload, TrackingToken token, EventMessage<?> event) {
        if (payload instanceof UnknownSerializedType) {
            return;   // parked by the group's dead-letter handler (eventstore/DeadLetters)
        }
        if (event instanceof DomainEventMessage<?> domain && NOT_HISTORY.contains(domain.getType())) {
            return;
        }
        long position = token.position().orElseThrow();
        for (String id : named(json.valueToTree(payload))) {
            mongo.getCollection(collection).updateOne(eq("_id", id), Updates.addToSet("positions", position),
                                                      new UpdateOptions().upsert(true));
        }
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(collection);
    }

    /** The organisation ids and municipality codes an event's payload names. */
    static Set<String> named(JsonNode payload) {
        Set<String> ids = new LinkedHashSet<>();
        ORGANISATION_FIELDS.forEach(field -> collect(payload.get(field), ids));
        for (String field : MUNICIPALITY_FIELDS) {
            JsonNode value = payload.get(field);
            if (value != null && value.isArray()) {
                // receivers of a split: [{code, addressShare}]
                value.forEach(item -> collect(item.isObject() ? item.get("code") : item, ids));
            } else {
                collect(value, ids);
            }
        }
        return ids;
    }

    private static void collect(JsonNode value, Set<String> ids) {
        if (value == null) {
            return;
        }
        if (value.isTextual()) {
            ids.add(value.asText());
        } else if (value.isArray()) {
            value.forEach(item -> collect(item, ids));
        }
    }

    /** The positions naming each of {@code ids}, in log order, in one lookup; ids never named are left out. */
    Map<String, List<Long>> positions(Collection<String> ids) {
        Map<String, List<Long>> found = new HashMap<>();
        if (!ids.isEmpty()) {
            mongo.getCollection(collection).find(in("_id", ids)).forEach(d -> {
                List<Long> positions = new ArrayList<>(d.getList("positions", Long.class));
                positions.sort(null);
                found.put(d.getString("_id"), positions);
            });
        }
        return found;
    }
}

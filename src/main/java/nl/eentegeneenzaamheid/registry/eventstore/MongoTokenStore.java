package nl.eentegeneenzaamheid.registry.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Tracking processors' positions in MongoDB, one small document per processor segment ({@code _id} =
 * processor/segment). A node owns a segment while its claim is fresh; a claim older than the timeout can be taken
 * over, so a crashed node's work resumes elsewhere. Claims use {@code ReturnDocument.BEFORE}: the embedded server
 * can hand another thread's value back with AFTER (see mongodb-notes).
 */
public class MongoTokenStore implements TokenStore {

    static final String TOKENS = "tokens";
    private static final String CONFIG_ID = "__config";
    private static final String CORRECTIONS_ID = "__corrections";

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;
    private final Clock clock;
    private final Duration claimTimeout;
    private final String owner;

    public MongoTokenStore(MongoDatabase database, Serializer serializer, Clock clock, Duration claimTimeout) {
        this.tokens = database.getCollection(TOKENS);
        this.serializer = serializer;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
        this.owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    }

    private static String id(String processorName, int segment) {
        return processorName + "/" + segment;
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        if (fetchSegments(processorName).length > 0) {
            throw new UnableToClaimTokenException("Segments of " + processorName + " already exist");
        }
        for (int segment = 0; segment < segmentCount; segment++) {
            initializeSegment(initialToken, processorName, segment);
        }
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        Document doc = new Document("_id", id(processorName, segment))
                .append("processorName", processorName)
                .append("segment", segment)
                .append("owner", null)
                .append("timestamp", 0L);
        writeToken(doc, token);
        try {
            tokens.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new UnableToClaimTokenException("Segment " + segment + " of " + processorName + " exists");
            }
            throw e;
        }
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        Document set = new Document("timestamp", clock.millis());
        writeToken(set, token);
        var result = tokens.updateOne(and(eq("_id", id(processorName, segment)), eq("owner", owner)),
                                      new Document("$set", set));
        if (result.getMatchedCount() == 0) {
            throw new UnableToClaimTokenException(
                    "Cannot store the token of " + processorName + "/" + segment + ": this node lost its claim");
        }
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        long now = clock.millis();
        Bson claimable = or(eq("owner", null), eq("owner", owner), lt("timestamp", now - claimTimeout.toMillis()));
        Document before = tokens.findOneAndUpdate(
                and(eq("_id", id(processorName, segment)), claimable),
                Updates.combine(Updates.set("owner", owner), Updates.set("timestamp", now)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            throw new UnableToClaimTokenException(
                    "Segment " + segment + " of " + processorName + " is claimed elsewhere or does not exist");
        }
        return readToken(before);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        tokens.updateOne(and(eq("_id", id(processorName, segment)), eq("owner", owner)), Updates.set("owner", null));
    }

    @Override
    public void deleteToken(String processorName, int segment) {
        var result = tokens.deleteOne(and(eq("_id", id(processorName, segment)), eq("owner", owner)));
        if (result.getDeletedCount() == 0) {
            throw new UnableToClaimTokenException("Segment " + segment + " of " + processorName + " is not ours");
        }
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return true;
    }

    @Override
    public int[] fetchSegments(String processorName) {
        List<Integer> segments = new ArrayList<>();
        tokens.find(eq("processorName", processorName)).forEach(doc -> segments.add(doc.getInteger("segment")));
        return segments.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        Document config = tokens.find(eq("_id", CONFIG_ID)).first();
        if (config == null) {
            try {
                tokens.insertOne(new Document("_id", CONFIG_ID).append("storageId", UUID.randomUUID().toString()));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            config = tokens.find(eq("_id", CONFIG_ID)).first();
        }
        return Optional.of(config.getString("storageId"));
    }

    /**
     * A value that changes whenever a read model may have changed, in one small read: every segment's token (a
     * processor stores its token after writing its read model) and the number of rebuilds that corrected live read
     * models in place (which need not move a token). Shared by every node that uses this store.
     */
    public String readModelsStamp() {
        StringBuilder stamp = new StringBuilder();
        tokens.find(ne("_id", CONFIG_ID)).projection(Projections.include("token", "count"))
              .sort(Sorts.ascending("_id"))
              .forEach(doc -> stamp.append(doc.get("_id")).append('=').append(doc.get("token"))
                                   .append(doc.get("count")).append(';'));
        return stamp.toString();
    }

    /** Counts a rebuild that wrote into live read models, so that {@link #readModelsStamp()} changes. */
    public void countReadModelCorrection() {
        tokens.updateOne(eq("_id", CORRECTIONS_ID), Updates.inc("count", 1), new UpdateOptions().upsert(true));
    }

    private void writeToken(Document target, TrackingToken token) {
        if (token == null) {
            target.append("token", null).append("tokenType", null);
            return;
        }
        SerializedObject<String> serialized = serializer.serialize(token, String.class);
        target.append("token", serialized.getData()).append("tokenType", serialized.getType().getName());
    }

    private TrackingToken readToken(Document doc) {
        String data = doc.getString("token");
        if (data == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(data, String.class, doc.getString("tokenType"),
                                                                   null));
    }
}

package nl.eentegeneenzaamheid.registry.audit;

import static com.mongodb.client.model.Filters.gt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The recorded chain heads, {@code chain_heads}: {@code {_id: position, hash, recordedAt}}. A few per day at most, so
 * reading them in order (a scan on the embedded server) stays cheap.
 */
@Component
class ChainHeads {

    static final String COLLECTION = "chain_heads";

    private final MongoCollection<Document> heads;

    ChainHeads(MongoTemplate mongo) {
        this.heads = mongo.getDb().getCollection(COLLECTION);
    }

    Optional<ChainHead> latest() {
        return Optional.ofNullable(heads.find().sort(Sorts.descending("_id")).limit(1).first()).map(ChainHeads::toHead);
    }

    /** Up to {@code limit} heads after {@code afterPosition}, oldest first. */
    List<ChainHead> after(long afterPosition, int limit) {
        List<ChainHead> page = new ArrayList<>();
        heads.find(gt("_id", afterPosition)).sort(Sorts.ascending("_id")).limit(limit)
             .forEach(doc -> page.add(toHead(doc)));
        return page;
    }

    /** Records a head; another node that recorded the same position did the same work. */
    void record(ChainHead head) {
        try {
            heads.insertOne(new Document("_id", head.position()).append("hash", head.hash())
                                                                .append("recordedAt", Date.from(head.recordedAt())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static ChainHead toHead(Document doc) {
        return new ChainHead(((Number) doc.get("_id")).longValue(), doc.getString("hash"),
                             doc.getDate("recordedAt").toInstant());
    }
}

package nl.eentegeneenzaamheid.registry.access;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The token registry's labels ("j.devries"): personal data, so kept outside the log, in {@code token_labels} keyed
 * by token id. A label is unique: a claim document keyed by the label ({@code token_label_claims}) lets the store's
 * unique {@code _id} settle a race; a claim made by a command that then fails is given back. Erasing a label (AVG)
 * deletes both documents; the log, which names only the token id, is untouched.
 */
@Component
class TokenLabels {

    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}._@ -]{1,80}");

    private final MongoCollection<Document> labels;
    private final MongoCollection<Document> claims;

    TokenLabels(MongoTemplate mongo) {
        this.labels = mongo.getCollection("token_labels");
        this.claims = mongo.getCollection("token_label_claims");
    }

    void claim(String label, String tokenId) {
        String trimmed = label == null ? "" : label.trim();
        if (!LABEL.matcher(trimmed).matches()) {
            throw RegistryException.validation("A label is 1 to 80 letters, digits, spaces or . _ @ -, naming a person "
                                               + "or system, e.g. j.devries or partner-portal");
        }
        try {
            claims.insertOne(new Document("_id", trimmed).append("tokenId", tokenId));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document holder = claims.find(eq("_id", trimmed)).first();
            if (holder == null || !tokenId.equals(holder.getString("tokenId"))) {
                throw RegistryException.conflict("Label " + trimmed + " is already given to another token; labels are "
                                                 + "unique, choose another");
            }
        }
        labels.replaceOne(eq("_id", tokenId), new Document("_id", tokenId).append("label", trimmed),
                          new com.mongodb.client.model.ReplaceOptions().upsert(true));
        CurrentUnitOfWork.ifStarted(uow -> uow.onRollback(u -> {
            claims.deleteOne(and(eq("_id", trimmed), eq("tokenId", tokenId)));
            labels.deleteOne(eq("_id", tokenId));
        }));
    }

    Optional<String> labelOf(String tokenId) {
        return Optional.ofNullable(labels.find(eq("_id", tokenId)).first()).map(d -> d.getString("label"));
    }

    Optional<String> holderOf(String label) {
        return Optional.ofNullable(claims.find(eq("_id", label)).first()).map(d -> d.getString("tokenId"));
    }

    Map<String, String> labelsOf(Collection<String> tokenIds) {
        Map<String, String> found = new HashMap<>();
        labels.find(in("_id", tokenIds)).forEach(d -> found.put(d.getString("_id"), d.getString("label")));
        return found;
    }
}

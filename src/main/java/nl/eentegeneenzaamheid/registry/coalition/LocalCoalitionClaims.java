package nl.eentegeneenzaamheid.registry.coalition;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which local coalition is the active one of a municipality: a set-based rule no single coalition can decide. A
 * claim is one document keyed by the municipality code, so the store's unique {@code _id} settles a race; a claim
 * made by a command that then fails is given back. The claims are write-side state, read by the reorganisation
 * policy because they are current the moment a command has committed (a read model may lag).
 */
@Component
class LocalCoalitionClaims {

    static final String COLLECTION = "local_coalition_claims";

    private final MongoCollection<Document> claims;

    LocalCoalitionClaims(MongoTemplate mongo) {
        this.claims = mongo.getCollection(COLLECTION);
    }

    /** The active coalition of a municipality. */
    record Claim(String municipalityCode, CoalitionId coalitionId, LocalDate foundedOn) {
    }

    void claim(String municipalityCode, CoalitionId coalitionId, LocalDate foundedOn) {
        try {
            claims.insertOne(new Document("_id", municipalityCode).append("coalitionId", coalitionId.value())
                                                                  .append("foundedOn", foundedOn.toString()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document holder = claims.find(eq("_id", municipalityCode)).first();
            String holderId = holder == null ? "another coalition" : holder.getString("coalitionId");
            if (!coalitionId.value().equals(holderId)) {
                throw RegistryException.conflict("Municipality " + municipalityCode
                                                 + " already has an active local coalition: " + holderId
                                                 + ". Let parties join that one instead.");
            }
            return;
        }
        CurrentUnitOfWork.ifStarted(uow -> uow.onRollback(u -> release(municipalityCode, coalitionId)));
    }

    void releaseAfterCommit(String municipalityCode, CoalitionId coalitionId) {
        CurrentUnitOfWork.ifStarted(uow -> uow.afterCommit(u -> release(municipalityCode, coalitionId)));
    }

    List<Claim> of(Collection<String> municipalityCodes) {
        List<Claim> found = new ArrayList<>();
        claims.find(in("_id", municipalityCodes)).forEach(d -> found.add(
                new Claim(d.getString("_id"), new CoalitionId(d.getString("coalitionId")),
                          LocalDate.parse(d.getString("foundedOn")))));
        return found;
    }

    private void release(String municipalityCode, CoalitionId coalitionId) {
        claims.deleteOne(and(eq("_id", municipalityCode), eq("coalitionId", coalitionId.value())));
    }
}

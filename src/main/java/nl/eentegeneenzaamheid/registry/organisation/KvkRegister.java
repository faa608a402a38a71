package nl.eentegeneenzaamheid.registry.organisation;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Which organisation holds which KvK number: a set-based rule that no single aggregate can decide. A claim is one
 * document keyed by the number, so the store's unique {@code _id} settles a race between nodes; a claim made by a
 * command that then fails is given back.
 */
@Component
class KvkRegister {

    private final MongoCollection<Document> claims;

    KvkRegister(MongoTemplate mongo) {
        this.claims = mongo.getCollection("kvk_numbers");
    }

    void claim(String kvkNumber, OrganisationId organisationId) {
        try {
            claims.insertOne(new Document("_id", kvkNumber).append("organisationId", organisationId.value()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document holder = claims.find(eq("_id", kvkNumber)).first();
            String holderId = holder == null ? "another organisation" : holder.getString("organisationId");
            if (!organisationId.value().equals(holderId)) {
                throw RegistryException.conflict("KvK number " + kvkNumber + " is already registered for organisation "
                                                 + holderId);
            }
            return;
        }
        CurrentUnitOfWork.ifStarted(uow -> uow.onRollback(u -> release(kvkNumber, organisationId)));
    }

    void releaseAfterCommit(String kvkNumber, OrganisationId organisationId) {
        if (kvkNumber != null) {
            CurrentUnitOfWork.ifStarted(uow -> uow.afterCommit(u -> release(kvkNumber, organisationId)));
        }
    }

    private void release(String kvkNumber, OrganisationId organisationId) {
        claims.deleteOne(and(eq("_id", kvkNumber), eq("organisationId", organisationId.value())));
    }
}

package nl.eentegeneenzaamheid.registry.access;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.access.AccessTokenEvent.AccessTokenIssued;
import nl.eentegeneenzaamheid.registry.access.AccessTokenEvent.AccessTokenRevoked;
import nl.eentegeneenzaamheid.registry.common.Role;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code access_tokens} read model, keyed by the secret's SHA-256 so that authenticating a request is one lookup
 * by exact {@code _id} (the one query the embedded store indexes for sure). Handlers set values from the event
 * alone, so applying one twice is harmless.
 */
@Component
@ProcessingGroup("access-tokens")
class AccessTokenProjection {

    static final String COLLECTION = "access_tokens";

    /** One token as the registry knows it; {@code organisationId} for a PARTNER only. */
    record TokenView(String id, Role role, String organisationId, Instant issuedAt, Instant expiresAt,
                     Instant revokedAt) {

        boolean validAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    private final MongoCollection<Document> tokens;

    AccessTokenProjection(MongoTemplate mongo) {
        this.tokens = mongo.getCollection(COLLECTION);
    }

    @EventHandler
    void on(AccessTokenIssued event, @Timestamp Instant at) {
        Document token = new Document("_id", event.secretHash()).append("tokenId", event.tokenId())
                .append("role", event.role().name())
                .append("organisationId", event.organisationId() == null ? null : event.organisationId().value())
                .append("issuedAt", Date.from(at))
                .append("expiresAt", event.expiresAt() == null ? null : Date.from(event.expiresAt()))
                .append("revokedAt", null);
        tokens.replaceOne(eq("_id", event.secretHash()), token, new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(AccessTokenRevoked event, @Timestamp Instant at) {
        // A token is revoked once (the aggregate sees to it); a replay sets the same instant again.
        tokens.updateMany(eq("tokenId", event.tokenId()), Updates.set("revokedAt", Date.from(at)));
    }

    @ResetHandler
    void reset() {
        tokens.drop();
    }

    Optional<TokenView> bySecretHash(String secretHash) {
        return Optional.ofNullable(tokens.find(eq("_id", secretHash)).first()).map(AccessTokenProjection::view);
    }

    Optional<TokenView> byId(String tokenId) {
        return Optional.ofNullable(tokens.find(eq("tokenId", tokenId)).first()).map(AccessTokenProjection::view);
    }

    List<TokenView> all() {
        List<TokenView> all = new ArrayList<>();
        tokens.find().forEach(d -> all.add(view(d)));
        all.sort(java.util.Comparator.comparing(TokenView::issuedAt).thenComparing(TokenView::id));
        return all;
    }

    private static TokenView view(Document d) {
        return new TokenView(d.getString("tokenId"), Role.valueOf(d.getString("role")), d.getString("organisationId"),
                             instant(d.getDate("issuedAt")), instant(d.getDate("expiresAt")),
                             instant(d.getDate("revokedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}

package nl.eentegeneenzaamheid.registry.common;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Bitemporal periods: the two time axes of every countable fact (a membership, a programme participation, a
 * coalition's existence). A period is one document; each event that changes it adds a version
 * {@code {validFrom, validTo, recordedAt, eventId}} and never edits an earlier one, so "what did the registry say
 * at {@code knownAt}" is the last version recorded at or before it. A version carries its event's id: applying the
 * same event twice adds nothing, and the collection can be rebuilt from the log.
 *
 * <p>Business intervals are half-open: the subject counts on day {@code d} when
 * {@code validFrom <= d} and ({@code validTo} is empty or {@code d < validTo}).
 */
public final class Periods {

    private final MongoTemplate mongo;
    private final String collection;

    public Periods(MongoTemplate mongo, String collection) {
        this.mongo = mongo;
        this.collection = collection;
    }

    /** One period as known at some moment. {@code group} says what it belongs to (a coalition, "participation"). */
    public record Period(String id, String group, String subject, LocalDate validFrom, LocalDate validTo,
                         Instant recordedAt) {

        public boolean validOn(LocalDate day) {
            return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
        }
    }

    /**
     * Records that from {@code recordedAt} on, period {@code id} is {@code [validFrom, validTo)}. Does nothing when
     * the event ({@code eventId}) was applied before.
     */
    public void record(String id, String group, String subject, LocalDate validFrom, LocalDate validTo,
                       String eventId, Instant recordedAt) {
        Document doc = mongo.getCollection(collection).find(new Document("_id", id)).first();
        Document version = new Document("validFrom", validFrom.toString())
                .append("validTo", validTo == null ? null : validTo.toString())
                .append("recordedAt", Date.from(recordedAt))
                .append("eventId", eventId);
        if (doc == null) {
            mongo.getCollection(collection).insertOne(new Document("_id", id).append("group", group)
                                                                             .append("subject", subject)
                                                                             .append("versions", List.of(version)));
            return;
        }
        boolean applied = doc.getList("versions", Document.class).stream()
                             .anyMatch(v -> eventId.equals(v.getString("eventId")));
        if (!applied) {
            mongo.getCollection(collection).updateOne(new Document("_id", id),
                                                      new Document("$push", new Document("versions", version)));
        }
    }

    /** The period as it stands now, if it exists. */
    public Optional<Period> current(String id) {
        Document doc = mongo.getCollection(collection).find(new Document("_id", id)).first();
        return Optional.ofNullable(doc).flatMap(d -> versionAt(d, null));
    }

    /** Every period of the given groups (all groups when {@code groups} is null) as known at {@code knownAt} (null: now). */
    public List<Period> knownAt(List<String> groups, Instant knownAt) {
        List<Period> periods = new ArrayList<>();
        var found = groups == null ? mongo.getCollection(collection).find()
                : mongo.getCollection(collection).find(query(where("group").in(groups)).getQueryObject());
        found.forEach(doc -> versionAt(doc, knownAt).ifPresent(periods::add));
        return periods;
    }

    /** Periods of the given subjects, in one query. */
    public List<Period> ofSubjects(List<String> subjects, Instant knownAt) {
        List<Period> periods = new ArrayList<>();
        mongo.getCollection(collection).find(query(where("subject").in(subjects)).getQueryObject())
             .forEach(doc -> versionAt(doc, knownAt).ifPresent(periods::add));
        return periods;
    }

    public void drop() {
        mongo.dropCollection(collection);
    }

    private static Optional<Period> versionAt(Document doc, Instant knownAt) {
        Document chosen = null;
        for (Document version : doc.getList("versions", Document.class)) {
            Instant recorded = version.getDate("recordedAt").toInstant();
            if (knownAt == null || !recorded.isAfter(knownAt)) {
                if (chosen == null || !recorded.isBefore(chosen.getDate("recordedAt").toInstant())) {
                    chosen = version;
                }
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        String validTo = chosen.getString("validTo");
        return Optional.of(new Period(doc.getString("_id"), doc.getString("group"), doc.getString("subject"),
                                      LocalDate.parse(chosen.getString("validFrom")),
                                      validTo == null ? null : LocalDate.parse(validTo),
                                      doc.getList("versions", Document.class).get(0).getDate("recordedAt")
                                         .toInstant()));
    }
}

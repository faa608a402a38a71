package nl.eentegeneenzaamheid.registry.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.LongStream;
import org.bson.Document;

/**
 * The stored commits read in global order, as they are, for the audit: the hash chain's verification, the export and
 * the chain heads. Unlike the tracking reader it does not trust the layout it reads: it hands on every commit it
 * finds, also one that starts inside the previous one, so that a verifier can tell what is wrong. It reads in
 * windows of {@code _id $in [...]} lookups and never holds more than one window.
 */
public final class CommitLog {

    private static final int WINDOW = 500;
    /** How far back {@link #commitHolding} looks per lookup; commits are small, so one lookup is the rule. */
    private static final int LOOK_BACK = 64;

    private final MongoCollection<Document> commits;

    public CommitLog(MongoDatabase database) {
        this.commits = database.getCollection(MongoEventStorageEngine.COMMITS);
    }

    /** One stored event, every field as written (the hash is null where none was written). */
    public record StoredEvent(long position, String eventId, String aggregateType, String aggregateId, long seq,
                              String timestamp, String payloadType, String payloadRevision, String payload,
                              String metaData, String hash) {

        /** The hash this event must carry when {@code previousHash} is the hash of the event before it. */
        public String expectedHash(String previousHash) {
            return ChainHash.of(position, eventId, aggregateType, aggregateId, seq, timestamp, payloadType,
                                payloadRevision, payload, metaData, previousHash);
        }
    }

    /**
     * One stored commit. {@code count}, {@code firstSeq} and {@code lastSeq} are the commit's own fields (null when
     * missing), which a sound commit keeps equal to what its events say.
     */
    public record Commit(long position, Integer count, Long firstSeq, Long lastSeq, List<StoredEvent> events) {

        /** The position after this commit's last event, as its events place it. */
        public long end() {
            return position + events.size();
        }

        /** Whether the commit's own fields agree with its events. */
        public boolean consistent() {
            return !events.isEmpty() && count != null && count == events.size() && firstSeq != null
                   && firstSeq == events.get(0).seq() && lastSeq != null
                   && lastSeq == events.get(events.size() - 1).seq();
        }
    }

    /**
     * Hands the commits from {@code start} on to {@code visitor} in ascending position while each one starts at or
     * before the end of what was handed on so far (so a commit overlapping its predecessor is handed on too, a gap
     * ends the walk), until the visitor answers false. Returns the end of the last commit handed on (or
     * {@code start}).
     */
    public long walk(long start, Predicate<Commit> visitor) {
        long expected = start;
        long low = start;
        while (true) {
            TreeMap<Long, Document> found = new TreeMap<>();
            commits.find(in("_id", LongStream.range(low, low + WINDOW).boxed().toList()))
                   .forEach(doc -> found.put(position(doc), doc));
            for (Map.Entry<Long, Document> entry : found.entrySet()) {
                if (entry.getKey() > expected) {
                    return expected;
                }
                Commit commit = toCommit(entry.getValue());
                if (!visitor.test(commit)) {
                    return Math.max(expected, commit.end());
                }
                expected = Math.max(expected, commit.end());
            }
            low += WINDOW;
            if (expected < low) {
                // The position after the last commit lies in this window and holds nothing: the walk ends here.
                return expected;
            }
        }
    }

    /** The commit that holds the event at {@code position}, if the log has one there. */
    public Optional<Commit> commitHolding(long position) {
        for (long high = position; high >= 1; high -= LOOK_BACK) {
            long low = Math.max(1, high - LOOK_BACK + 1);
            TreeMap<Long, Document> found = new TreeMap<>();
            commits.find(in("_id", LongStream.rangeClosed(low, high).boxed().toList()))
                   .forEach(doc -> found.put(position(doc), doc));
            if (!found.isEmpty()) {
                Commit commit = toCommit(found.lastEntry().getValue());
                return commit.end() > position ? Optional.of(commit) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The first commit at or after {@code position}. A range query, which the embedded server answers with a scan:
     * used once per verification or export, to see whether anything lies beyond a gap or the end.
     */
    public Optional<Commit> firstCommitFrom(long position) {
        return Optional.ofNullable(commits.find(gte("_id", position)).sort(Sorts.ascending("_id")).limit(1).first())
                       .map(CommitLog::toCommit);
    }

    /** Writes missing event hashes, per commit position the hashes by event index (the upgrade of an old log). */
    void writeHashes(Map<Long, Map<Integer, String>> hashesByCommit) {
        if (hashesByCommit.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> updates = new ArrayList<>(hashesByCommit.size());
        hashesByCommit.forEach((position, hashByIndex) -> {
            Document set = new Document();
            hashByIndex.forEach((index, hash) -> set.append("events." + index + ".hash", hash));
            updates.add(new UpdateOneModel<>(eq("_id", position), new Document("$set", set)));
        });
        commits.bulkWrite(updates, new BulkWriteOptions().ordered(true));
    }

    static Commit toCommit(Document doc) {
        long position = position(doc);
        List<Document> events = doc.getList("events", Document.class, List.of());
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            stored.add(toEvent(position + i, doc, events.get(i)));
        }
        Long count = number(doc.get("count"));
        return new Commit(position, count == null ? null : count.intValue(), number(doc.get("firstSeq")),
                          number(doc.get("lastSeq")), stored);
    }

    static StoredEvent toEvent(long position, Document commit, Document event) {
        Long seq = number(event.get("seq"));
        return new StoredEvent(position, event.getString("eventId"), commit.getString("aggregateType"),
                               commit.getString("aggregateId"), seq == null ? -1 : seq,
                               event.getString("timestamp"), event.getString("payloadType"),
                               event.getString("payloadRevision"), event.getString("payload"),
                               event.getString("metaData"), event.getString("hash"));
    }

    private static long position(Document doc) {
        return ((Number) doc.get("_id")).longValue();
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}

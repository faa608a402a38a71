package nl.eentegeneenzaamheid.registry.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's event storage on MongoDB, one document per commit, every hot read a lookup by exact key.
 *
 * <p>Layout: {@code commits} holds one document per command, {@code _id} = the global position of its first event,
 * with the events of one aggregate in {@code events}. A unique index on {@code (aggregateId, firstSeq)} makes two
 * commands racing on one aggregate collide. {@code snapshots} holds the newest snapshot per aggregate.
 *
 * <p>Ordering: a writer inserts the commit at position {@code p} only after it has seen the commit that ends at
 * {@code p - 1} (it wrote it, read it, or collided with it), so a visible commit always has all earlier commits
 * visible; a reader walks the chain from its token and stops at the first position that is not there. Nothing is
 * reserved before it is written, so a failed writer leaves no hole. See {@code docs/event-store.md}.
 *
 * <p>Tamper evidence: every event carries {@code hash}, which covers its content and the hash of the event before it
 * in global order ({@link ChainHash}). The writer computes it when it has fixed the commit's position, from the
 * previous commit as stored (read back when another node wrote it), so commit and hashes are one document write.
 * See {@code docs/audit-chain.md}.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);

    static final String COMMITS = "commits";
    static final String SNAPSHOTS = "snapshots";
    static final String HEADS = "heads";
    private static final String AGGREGATE_INDEX = "aggregate_sequence";
    /** The head hint is moved on about every this many positions; finding the head steps over the rest. */
    private static final long HINT_EVERY = 64;
    /** Commits whose missing hashes the upgrade writes in one bulk write. */
    private static final int UPGRADE_BATCH = 500;

    private final MongoCollection<Document> commits;
    private final MongoCollection<Document> snapshots;
    private final MongoCollection<Document> heads;
    private final EmbeddedStore store;
    private final CommitLog commitLog;
    private final Object appendLock = new Object();
    private final ThreadLocal<Long> lastAppended = new ThreadLocal<>();
    private long next = -1;
    /** The hash of the event at {@code next - 1}, known whenever {@code next} is. */
    private String previousHash;
    /** Every position below this one is known to be on disk (as far as this node has seen). */
    private final AtomicLong durableBelow = new AtomicLong(1);

    MongoEventStorageEngine(Builder builder, MongoDatabase database, EmbeddedStore store) {
        super(builder);
        this.commits = database.getCollection(COMMITS);
        this.snapshots = database.getCollection(SNAPSHOTS);
        this.heads = database.getCollection(HEADS);
        this.store = store;
        this.commitLog = new CommitLog(database);
        commits.createIndex(Indexes.ascending("aggregateId", "firstSeq"),
                            new IndexOptions().unique(true).name(AGGREGATE_INDEX));
        chainUnhashedCommits();
    }

    /**
     * The upgrade of a log written before the hash chain: fills in the missing hashes in global order, so that the
     * log verifies from its first event. A log whose newest event has a hash is chained throughout (the upgrade and
     * every append go in order), so on every later start this costs one lookup. Nodes of an older version must not
     * write to the log any more: an append after an event without a hash is refused.
     */
    private void chainUnhashedCommits() {
        long head = findHead();
        if (head == 1 || commitLog.commitHolding(head - 1).map(c -> c.events().get(c.events().size() - 1).hash() != null)
                               .orElse(true)) {
            return;
        }
        log.info("Upgrading the event log to the audit hash chain: filling in the hashes of events written before it "
                 + "(positions 1 to {})", head - 1);
        long started = System.nanoTime();
        long[] filled = {0};
        String[] previous = {ChainHash.GENESIS};
        Map<Long, Map<Integer, String>> pending = new LinkedHashMap<>();
        long end = commitLog.walk(1, commit -> {
            Map<Integer, String> missing = new LinkedHashMap<>();
            for (int i = 0; i < commit.events().size(); i++) {
                CommitLog.StoredEvent event = commit.events().get(i);
                String hash = event.hash();
                if (hash == null) {
                    hash = event.expectedHash(previous[0]);
                    missing.put(i, hash);
                }
                previous[0] = hash;
            }
            if (!missing.isEmpty()) {
                pending.put(commit.position(), missing);
                filled[0] += missing.size();
            }
            if (pending.size() >= UPGRADE_BATCH) {
                commitLog.writeHashes(pending);
                pending.clear();
            }
            return true;
        });
        commitLog.writeHashes(pending);
        if (end != head) {
            log.warn("The event log upgrade stopped at position {} of {}: the log is not contiguous there; the audit "
                     + "chain verification will name the place", end, head);
        }
        store.sync();
        log.info("Event log upgraded: {} hashes filled in up to position {} in {} ms", filled[0], end - 1,
                 (System.nanoTime() - started) / 1_000_000);
    }

    /** The global position of the last event this thread appended, so a caller can wait for its read models. */
    public long lastAppendedPositionOfThisThread() {
        Long position = lastAppended.get();
        return position == null ? 0 : position;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<Document> entries = new ArrayList<>(events.size());
        String aggregateId = null;
        String aggregateType = null;
        long firstSeq = 0;
        long lastSeq = 0;
        for (int i = 0; i < events.size(); i++) {
            EventMessage<?> event = events.get(i);
            String eventAggregate = event.getIdentifier();
            String type = null;
            long seq = 0;
            if (event instanceof DomainEventMessage<?> domain) {
                eventAggregate = domain.getAggregateIdentifier();
                type = domain.getType();
                seq = domain.getSequenceNumber();
            }
            if (i == 0) {
                aggregateId = eventAggregate;
                aggregateType = type;
                firstSeq = seq;
            } else if (!eventAggregate.equals(aggregateId)) {
                // One commit speaks for one aggregate: that is what makes it atomic and its sequence checkable.
                throw new IllegalStateException("A command may change only one aggregate, not " + aggregateId
                                                + " and " + eventAggregate);
            }
            lastSeq = seq;
            SerializedObject<String> payload = event.serializePayload(serializer, String.class);
            SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
            entries.add(new Document("eventId", event.getIdentifier())
                                .append("seq", seq)
                                .append("timestamp", event.getTimestamp().toString())
                                .append("payloadType", payload.getType().getName())
                                .append("payloadRevision", payload.getType().getRevision())
                                .append("payload", payload.getData())
                                .append("metaData", metaData.getData()));
        }
        long end;
        synchronized (appendLock) {
            long position = insertAtHead(new Document("aggregateId", aggregateId)
                                                 .append("aggregateType", aggregateType)
                                                 .append("firstSeq", firstSeq)
                                                 .append("lastSeq", lastSeq)
                                                 .append("count", entries.size())
                                                 .append("events", entries));
            next = position + entries.size();
            end = next;
        }
        // Outside the lock, so that the next writers insert while this one waits: one fsync then covers them all.
        // The round that covers this commit began after its insert, hence after every commit before it.
        store.sync();
        durableBelow.accumulateAndGet(end, Math::max);
        if ((end - 1) / HINT_EVERY != (end - 1 - entries.size()) / HINT_EVERY) {
            // Only now, so that the hint never points past a commit a crash could still take away.
            heads.updateOne(eq("_id", COMMITS), Updates.max("next", end), new UpdateOptions().upsert(true));
        }
        lastAppended.set(end - 1);
    }

    /**
     * Inserts the commit at the first free position after everything this node has seen, its events chained to the
     * event before that position; returns that position.
     */
    private long insertAtHead(Document commit) {
        if (next < 0) {
            next = findHead();
            previousHash = hashOfEventAt(next - 1);
        }
        List<Document> events = commit.getList("events", Document.class);
        while (true) {
            commit.put("_id", next);
            String hash = previousHash;
            for (int i = 0; i < events.size(); i++) {
                hash = CommitLog.toEvent(next + i, commit, events.get(i)).expectedHash(hash);
                events.get(i).put("hash", hash);
            }
            try {
                commits.insertOne(commit);
                previousHash = hash;
                return next;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                Document taken = commits.find(eq("_id", next)).first();
                if (taken == null) {
                    throw new ConcurrencyException("Aggregate " + commit.getString("aggregateId")
                                                   + " was changed concurrently at sequence "
                                                   + commit.getLong("firstSeq"));
                }
                // Another node wrote at this position: step over its commit, chain to its last event, try again.
                CommitLog.Commit other = CommitLog.toCommit(taken);
                next += taken.getInteger("count");
                previousHash = requireHash(other.events().get(other.events().size() - 1));
            }
        }
    }

    /** The stored hash of the event at {@code position}, or the genesis value before the first event. */
    private String hashOfEventAt(long position) {
        if (position < 1) {
            return ChainHash.GENESIS;
        }
        CommitLog.Commit commit = commitLog.commitHolding(position).orElseThrow(() -> new IllegalStateException(
                "The event log has no event at position " + position + " below its head"));
        return requireHash(commit.events().get((int) (position - commit.position())));
    }

    private static String requireHash(CommitLog.StoredEvent event) {
        if (event.hash() == null) {
            // Only a node of a version before the hash chain writes such events; chaining to it would break the chain.
            throw new IllegalStateException("The event at position " + event.position() + " has no audit hash: a "
                                            + "registry of an older version writes to this log; stop it first");
        }
        return event.hash();
    }

    /**
     * The first free position: from the stored hint, stepping over commits written after it. Everything below
     * {@code durableBelow} is known to be there, so the walk starts no lower (the hint moves only every
     * {@value #HINT_EVERY} positions, and every mutation asks for the head).
     */
    private long findHead() {
        Document hint = heads.find(eq("_id", COMMITS)).first();
        long position = Math.max(hint == null ? 1 : hint.getLong("next"), durableBelow.get());
        for (Document commit = commits.find(eq("_id", position)).first(); commit != null;
             commit = commits.find(eq("_id", position)).first()) {
            position += commit.getInteger("count");
        }
        return position;
    }

    /**
     * Whether the aggregate holds an event that this actor's request caused, read from the events' metadata. Used
     * only to settle a request whose outcome was not written down, so a walk over the aggregate's commits is fine.
     */
    public boolean holdsRequest(String aggregateIdentifier, String actor, String requestId) {
        for (Document commit = commitAt(aggregateIdentifier, 0); commit != null;
             commit = commitAt(aggregateIdentifier, commit.getLong("lastSeq") + 1)) {
            for (Document event : commit.getList("events", Document.class)) {
                Document metaData = Document.parse(event.getString("metaData"));
                if (requestId.equals(metaData.getString("requestId")) && actor.equals(metaData.getString("actor"))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        List<TrackedEventData<?>> batch = readChain(lastToken, batchSize);
        if (!batch.isEmpty()) {
            long last = ((LogPosition) batch.get(batch.size() - 1).trackingToken()).index();
            if (last >= durableBelow.get()) {
                // A commit is visible before its writer's sync: hand it on only once it is on disk, so that nothing
                // derived from it (a read model, a token) can outlive it in a crash.
                store.sync();
                durableBelow.accumulateAndGet(last + 1, Math::max);
            }
        }
        return batch;
    }

    /** The commits from the token on, as far as the chain is unbroken. */
    private List<TrackedEventData<?>> readChain(TrackingToken lastToken, int batchSize) {
        LogPosition from = lastToken == null ? LogPosition.START : (LogPosition) lastToken;
        List<TrackedEventData<?>> batch = new ArrayList<>();
        long cursor = from.resumeAt();
        // Guess that the next commits hold one event each (the common case) and fetch them in one $in lookup.
        while (batch.size() < batchSize) {
            long firstWanted = cursor;
            Map<Long, Document> found = new HashMap<>();
            commits.find(in("_id", LongStream.range(firstWanted, firstWanted + batchSize).boxed().toList()))
                   .forEach(doc -> found.put(doc.getLong("_id"), doc));
            Document commit = found.get(cursor);
            if (commit == null) {
                return batch;
            }
            while (commit != null && batch.size() < batchSize) {
                List<Document> events = commit.getList("events", Document.class);
                for (int i = 0; i < events.size(); i++) {
                    long position = cursor + i;
                    if (position > from.index()) {
                        long resumeAt = i == events.size() - 1 ? position + 1 : cursor;
                        batch.add(new TrackedDomainEventData<>(new LogPosition(position, resumeAt),
                                                               toEntry(commit, events.get(i))));
                    }
                }
                cursor += events.size();
                commit = found.get(cursor);
            }
            if (commit == null && cursor < firstWanted + batchSize) {
                return batch;
            }
        }
        return batch;
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        List<DomainEventData<?>> result = new ArrayList<>();
        // A snapshot may point into the middle of a commit: only then walk from the aggregate's first commit.
        Document commit = commitAt(aggregateIdentifier, firstSequenceNumber);
        if (commit == null && firstSequenceNumber > 0) {
            commit = commitHolding(aggregateIdentifier, firstSequenceNumber);
        }
        while (commit != null && result.size() < batchSize) {
            for (Document event : commit.getList("events", Document.class)) {
                if (event.getLong("seq") >= firstSequenceNumber) {
                    result.add(toEntry(commit, event));
                }
            }
            commit = commitAt(aggregateIdentifier, commit.getLong("lastSeq") + 1);
        }
        return result;
    }

    @Override
    protected boolean fetchForAggregateUntilEmpty() {
        // A batch holds whole commits, so its size says nothing about whether more follow.
        return true;
    }

    private Document commitHolding(String aggregateIdentifier, long seq) {
        Document commit = commitAt(aggregateIdentifier, 0);
        while (commit != null && commit.getLong("lastSeq") < seq) {
            commit = commitAt(aggregateIdentifier, commit.getLong("lastSeq") + 1);
        }
        return commit;
    }

    /** Whether the aggregate has a commit starting at {@code firstSeq} (an aggregate cache asks if it is stale). */
    boolean holdsCommitAt(String aggregateIdentifier, long firstSeq) {
        return commitAt(aggregateIdentifier, firstSeq) != null;
    }

    /** The aggregate's commit starting at {@code firstSeq}: a lookup on the exact unique key, never a range. */
    private Document commitAt(String aggregateIdentifier, long firstSeq) {
        return commits.find(new Document("aggregateId", aggregateIdentifier).append("firstSeq", firstSeq)).first();
    }

    private static GenericDomainEventEntry<String> toEntry(Document commit, Document event) {
        return new GenericDomainEventEntry<>(commit.getString("aggregateType"), commit.getString("aggregateId"),
                                             event.getLong("seq"), event.getString("eventId"),
                                             event.getString("timestamp"), event.getString("payloadType"),
                                             event.getString("payloadRevision"), event.getString("payload"),
                                             event.getString("metaData"));
    }

    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        SerializedObject<String> payload = snapshot.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = snapshot.serializeMetaData(serializer, String.class);
        Document doc = new Document("_id", snapshot.getAggregateIdentifier())
                .append("aggregateType", snapshot.getType())
                .append("seq", snapshot.getSequenceNumber())
                .append("eventId", snapshot.getIdentifier())
                .append("timestamp", snapshot.getTimestamp().toString())
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("metaData", metaData.getData());
        snapshots.replaceOne(eq("_id", snapshot.getAggregateIdentifier()), doc, new ReplaceOptions().upsert(true));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document doc = snapshots.find(eq("_id", aggregateIdentifier)).first();
        if (doc == null) {
            return Stream.empty();
        }
        return Stream.of(new GenericDomainEventEntry<>(doc.getString("aggregateType"), aggregateIdentifier,
                                                       doc.getLong("seq"), doc.getString("eventId"),
                                                       doc.getString("timestamp"), doc.getString("payloadType"),
                                                       doc.getString("payloadRevision"), doc.getString("payload"),
                                                       doc.getString("metaData")));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        Long last = null;
        for (Document commit = commitAt(aggregateIdentifier, 0); commit != null;
             commit = commitAt(aggregateIdentifier, last + 1)) {
            last = commit.getLong("lastSeq");
        }
        return Optional.ofNullable(last);
    }

    @Override
    public TrackingToken createTailToken() {
        return LogPosition.START;
    }

    @Override
    public TrackingToken createHeadToken() {
        long head = findHead();
        return new LogPosition(head - 1, head);
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        throw new UnsupportedOperationException("The registry's log is read by position, not by time");
    }

    static final class Builder extends BatchingEventStorageEngine.Builder {
        @Override
        protected void validate() {
            super.validate();
        }
    }
}

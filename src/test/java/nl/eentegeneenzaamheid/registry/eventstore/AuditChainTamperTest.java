package nl.eentegeneenzaamheid.registry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOneModel;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import nl.eentegeneenzaamheid.registry.audit.AuditChainVerification;
import nl.eentegeneenzaamheid.registry.audit.AuditChainVerifier;
import nl.eentegeneenzaamheid.registry.audit.ChainHead;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random tampering with the stored commits, the way someone with write access to the database would do it, each kind
 * in many seeded trials: every one is detected, with the first broken event named, or (a cut-off tail, a recomputed
 * chain) caught against a head kept from before. The log is restored between trials.
 */
class AuditChainTamperTest {

    private static final int TRIALS = 60;
    private static final JsonWriterSettings EXACT = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private MongoServer server;
    private MongoClient client;
    private MongoCollection<Document> commits;
    private AuditChainVerifier verifier;
    /** The untouched log: its commit documents, and its events in global order. */
    private List<Document> original;
    private List<Event> events;
    private ChainHead kept;
    /** The commits a trial changed, deleted or added, to be put back as they were. */
    private final java.util.Set<Long> touched = new java.util.TreeSet<>();

    record Happened(String what, int amount) {
    }

    /** An event of the untouched log: where it is and which commit holds it. */
    record Event(long position, String eventId, long commit, int index, String hash) {
    }

    @BeforeEach
    void writeALog() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoDatabase database = client.getDatabase("tamper-" + UUID.randomUUID());
        MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        builder.eventSerializer(serializer).snapshotSerializer(serializer).batchSize(50);
        MongoEventStorageEngine engine = new MongoEventStorageEngine(builder, database, EmbeddedStore.none());
        Random random = new Random(7);
        long[] seqs = new long[12];
        for (int c = 0; c < 50; c++) {
            int aggregate = random.nextInt(seqs.length);
            int count = 1 + random.nextInt(4);
            List<DomainEventMessage<?>> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                batch.add(new GenericDomainEventMessage<>(
                        "Thing", "thing-" + aggregate, seqs[aggregate]++,
                        new Happened("happened ünïcode " + random.nextInt(), random.nextInt(1000)),
                        Map.of("actor", "token-" + random.nextInt(5), "requestId", UUID.randomUUID().toString())));
            }
            engine.appendEvents(batch);
        }
        commits = database.getCollection(MongoEventStorageEngine.COMMITS);
        original = new ArrayList<>();
        events = new ArrayList<>();
        for (long position = 1; ; ) {
            Document commit = commits.find(new Document("_id", position)).first();
            if (commit == null) {
                break;
            }
            original.add(Document.parse(commit.toJson(EXACT)));
            List<Document> entries = commit.getList("events", Document.class);
            for (int i = 0; i < entries.size(); i++) {
                events.add(new Event(position + i, entries.get(i).getString("eventId"), position, i,
                                     entries.get(i).getString("hash")));
            }
            position += entries.size();
        }
        verifier = new AuditChainVerifier(new CommitLog(database));
        Event last = events.get(events.size() - 1);
        kept = new ChainHead(last.position(), last.hash(), null);
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void theUntouchedLogVerifiesAndExtendsItsHead() {
        AuditChainVerification result = verifier.verify(null, kept);
        assertThat(result.valid()).isTrue();
        assertThat(result.extendsHead()).isTrue();
        assertThat(result.entriesChecked()).isEqualTo(events.size()).isGreaterThan(100);
        assertThat(result.firstBrokenEventId()).isNull();
        assertThat(result.head()).isEqualTo(kept);
        // A head that never was: right position, wrong hash.
        assertThat(verifier.verify(null, new ChainHead(kept.position(), ChainHash.GENESIS, null)).extendsHead())
                .isFalse();
        // Verifying on from a sound earlier head checks only what came after it.
        Event middle = events.get(events.size() / 2);
        AuditChainVerification fromMiddle = verifier.verify(new ChainHead(middle.position(), middle.hash(), null),
                                                            null);
        assertThat(fromMiddle.valid()).isTrue();
        assertThat(fromMiddle.entriesChecked()).isEqualTo(events.size() - middle.position());
    }

    @Test
    void everyChangedPayloadIsNamed() {
        Random random = new Random(101);
        for (int trial = 0; trial < TRIALS; trial++) {
            Event target = events.get(random.nextInt(events.size()));
            editEvent(target, event -> event.put("payload", event.getString("payload").replaceFirst("\\d", "9")
                                                              .replace("happened", "hapened")));
            assertBrokenAt(target, "payload changed at " + target.position());
            restore();
        }
    }

    @Test
    void everyChangedMetaDataIsNamed() {
        Random random = new Random(102);
        for (int trial = 0; trial < TRIALS; trial++) {
            Event target = events.get(random.nextInt(events.size()));
            if (random.nextBoolean()) {
                editEvent(target, event -> event.put("metaData", event.getString("metaData")
                                                                      .replace("token-", "token-forged-")));
                assertBrokenAt(target, "metaData changed at " + target.position());
            } else {
                // The commit's own metadata: whose events they are. Every event of it is affected; the first is named.
                touched.add(target.commit());
                commits.updateOne(new Document("_id", target.commit()),
                                  new Document("$set", new Document("aggregateId", "someone-else")));
                assertBrokenAt(events.get((int) target.commit() - 1), "aggregateId changed at " + target.commit());
            }
            restore();
        }
    }

    @Test
    void everyDeletedEventIsNamedByTheEventAfterIt() {
        Random random = new Random(103);
        for (int trial = 0; trial < TRIALS; trial++) {
            // Not the newest event: removing that is cutting off the tail (below).
            Event target = events.get(random.nextInt(events.size() - 1));
            Document commit = commits.find(new Document("_id", target.commit())).first();
            List<Document> entries = new ArrayList<>(commit.getList("events", Document.class));
            Event next = events.get((int) target.position());
            touched.add(target.commit());
            if (entries.size() == 1) {
                commits.deleteOne(new Document("_id", target.commit()));
            } else {
                // A careful forger keeps the commit's own fields consistent with what is left.
                entries.remove(target.index());
                replaceEvents(commit, entries);
            }
            // The next event moved up one place if it was in the same commit; a later commit keeps its position.
            long nextNowAt = next.commit() == target.commit() ? target.position() : next.position();
            assertBrokenAt(next, nextNowAt, "event deleted at " + target.position());
            restore();
        }
    }

    @Test
    void everySwapOfTwoEventsIsNamed() {
        Random random = new Random(104);
        for (int trial = 0; trial < TRIALS; trial++) {
            int a = random.nextInt(events.size());
            int b = random.nextInt(events.size());
            if (a == b) {
                b = (a + 1) % events.size();
            }
            Event first = events.get(Math.min(a, b));
            Event second = events.get(Math.max(a, b));
            Document firstEntry = entry(first);
            Document secondEntry = entry(second);
            setEntry(first, secondEntry);
            setEntry(second, firstEntry);
            // The earlier position now holds the later event, with that event's hash.
            assertBrokenAt(second, first.position(), "events at " + first.position() + " and " + second.position() + " swapped");
            restore();
        }
    }

    @Test
    void everyInsertedEventIsNamedByTheEventAfterIt() {
        Random random = new Random(105);
        for (int trial = 0; trial < TRIALS; trial++) {
            // Inserted before an existing event: after the newest one it would be an append, which no chain can tell
            // from a real one.
            Event before = events.get(random.nextInt(events.size()));
            Document commit = commits.find(new Document("_id", before.commit())).first();
            List<Document> entries = new ArrayList<>(commit.getList("events", Document.class));
            Document forged = Document.parse(entries.get(before.index()).toJson(EXACT));
            forged.put("eventId", UUID.randomUUID().toString());
            forged.put("payload", "{\"what\":\"never happened\",\"amount\":1}");
            // The forger even chains the inserted event correctly to the one before it.
            String previous = before.position() == 1 ? ChainHash.GENESIS : events.get((int) before.position() - 2).hash();
            forged.put("hash", CommitLog.toEvent(before.position(), commit, forged).expectedHash(previous));
            entries.add(before.index(), forged);
            for (int i = 0; i < entries.size(); i++) {
                entries.get(i).put("seq", commit.getLong("firstSeq") + i);
            }
            replaceEvents(commit, entries);
            // The event it was put in front of moved one place on and no longer fits its chain.
            assertBrokenAt(before, before.position() + 1, "event inserted before " + before.position());
            restore();
        }
    }

    @Test
    void everyCutOffTailIsCaughtAgainstAKeptHead() {
        Random random = new Random(106);
        for (int trial = 0; trial < TRIALS; trial++) {
            int cut = 1 + random.nextInt(5);
            for (int i = 0; i < cut; i++) {
                long position = original.get(original.size() - 1 - i).getLong("_id");
                touched.add(position);
                commits.deleteOne(new Document("_id", position));
            }
            // On its own the shorter log is a sound chain: only the kept head tells.
            assertThat(verifier.verify(null, null).valid()).isTrue();
            AuditChainVerification result = verifier.verify(null, kept);
            assertThat(result.valid()).as("tail of %d commits cut", cut).isFalse();
            assertThat(result.extendsHead()).isFalse();
            assertThat(result.firstBrokenEventId()).isNull();
            assertThat(result.message()).contains("before the kept head's position " + kept.position());
            restore();
        }
    }

    @Test
    void everyRecomputedChainIsCaughtAgainstAKeptHead() {
        Random random = new Random(107);
        for (int trial = 0; trial < TRIALS; trial++) {
            Event target = events.get(random.nextInt(events.size()));
            editEvent(target, event -> event.put("payload", event.getString("payload").replace("happened", "hapened")));
            recomputeChainFrom(target);
            assertThat(verifier.verify(null, null).valid()).isTrue();
            AuditChainVerification result = verifier.verify(null, kept);
            assertThat(result.valid()).as("chain recomputed from %d", target.position()).isFalse();
            assertThat(result.extendsHead()).isFalse();
            assertThat(result.message()).contains("rewritten");
            // A head kept from before the change is still extended: the change lies after it.
            if (target.position() > 1) {
                Event earlier = events.get(random.nextInt((int) target.position() - 1));
                assertThat(verifier.verify(null, new ChainHead(earlier.position(), earlier.hash(), null))
                                   .extendsHead()).isTrue();
            }
            restore();
        }
    }

    private void assertBrokenAt(Event expected, String tampering) {
        assertBrokenAt(expected, expected.position(), tampering);
    }

    /** The verification names {@code expected}, which the tampering moved to {@code position}. */
    private void assertBrokenAt(Event expected, long position, String tampering) {
        AuditChainVerification result = verifier.verify(null, kept);
        assertThat(result.valid()).as(tampering).isFalse();
        assertThat(result.firstBrokenEventId()).as(tampering).isEqualTo(expected.eventId());
        assertThat(result.firstBrokenPosition()).as(tampering).isEqualTo(position);
        assertThat(result.entriesChecked()).as(tampering).isLessThanOrEqualTo(position);
        assertThat(result.extendsHead()).as(tampering).isFalse();
    }

    private void editEvent(Event target, java.util.function.Consumer<Document> edit) {
        Document entry = entry(target);
        edit.accept(entry);
        setEntry(target, entry);
    }

    private Document entry(Event event) {
        return commits.find(new Document("_id", event.commit())).first().getList("events", Document.class)
                      .get(event.index());
    }

    private void setEntry(Event event, Document entry) {
        touched.add(event.commit());
        commits.updateOne(new Document("_id", event.commit()),
                          new Document("$set", new Document("events." + event.index(), entry)));
    }

    private void replaceEvents(Document commit, List<Document> entries) {
        touched.add(commit.getLong("_id"));
        commits.updateOne(new Document("_id", commit.get("_id")), new Document("$set", new Document("events", entries)
                .append("count", entries.size())
                .append("firstSeq", entries.get(0).getLong("seq"))
                .append("lastSeq", entries.get(entries.size() - 1).getLong("seq"))));
    }

    /** What a forger who knows the canonical form does after a change: every hash from there on made to fit. */
    private void recomputeChainFrom(Event target) {
        String previous = target.position() == 1 ? ChainHash.GENESIS : events.get((int) target.position() - 2).hash();
        List<ReplaceOneModel<Document>> rewrites = new ArrayList<>();
        for (Document stored : original) {
            long position = stored.getLong("_id");
            if (position + stored.getList("events", Document.class).size() <= target.position()) {
                continue;
            }
            Document commit = position == target.commit() ? commits.find(new Document("_id", position)).first()
                    : Document.parse(stored.toJson(EXACT));
            List<Document> entries = commit.getList("events", Document.class);
            for (int i = 0; i < entries.size(); i++) {
                if (position + i >= target.position()) {
                    previous = CommitLog.toEvent(position + i, commit, entries.get(i)).expectedHash(previous);
                    entries.get(i).put("hash", previous);
                }
            }
            touched.add(position);
            rewrites.add(new ReplaceOneModel<>(new Document("_id", position), commit));
        }
        commits.bulkWrite(rewrites);
    }

    private void restore() {
        commits.deleteMany(new Document("_id", new Document("$in", List.copyOf(touched))));
        commits.insertMany(original.stream().filter(d -> touched.contains(d.getLong("_id")))
                                   .map(d -> Document.parse(d.toJson(EXACT))).toList());
        touched.clear();
    }
}

package nl.eentegeneenzaamheid.registry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import nl.eentegeneenzaamheid.registry.audit.AuditChainVerification;
import nl.eentegeneenzaamheid.registry.audit.AuditChainVerifier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage engine against the embedded server (memory backend, over TCP): order, atomic commits, concurrency
 * within and across processes, resumable tracking.
 */
class MongoEventStorageEngineTest {

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private String connectionString;

    record Happened(String what) {
    }

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        connectionString = server.bindAndGetConnectionString();
        client = MongoClients.create(connectionString);
        database = client.getDatabase("test-" + UUID.randomUUID());
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    private MongoEventStorageEngine engine() {
        MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        builder.eventSerializer(serializer).snapshotSerializer(serializer).batchSize(50);
        return new MongoEventStorageEngine(builder, database, EmbeddedStore.none());
    }

    private static List<DomainEventMessage<?>> events(String aggregate, long firstSeq, int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new GenericDomainEventMessage<>("Thing", aggregate, firstSeq + i,
                                                       new Happened(aggregate + "#" + (firstSeq + i))));
        }
        return events;
    }

    private static List<TrackedEventMessage<?>> readAll(MongoEventStorageEngine engine, TrackingToken from) {
        return engine.readEvents(from, false).collect(Collectors.toList());
    }

    @Test
    void commitsGetConsecutiveGlobalPositionsAndAggregatesLoadInOrder() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(events("a", 0, 3));
        engine.appendEvents(events("b", 0, 1));
        engine.appendEvents(events("a", 3, 2));
        assertThat(engine.lastAppendedPositionOfThisThread()).isEqualTo(6);

        List<TrackedEventMessage<?>> all = readAll(engine, null);
        assertThat(all).extracting(e -> ((LogPosition) e.trackingToken()).index()).containsExactly(1L, 2L, 3L, 4L,
                                                                                                   5L, 6L);
        assertThat(engine.readEvents("a").asStream().map(e -> ((Happened) e.getPayload()).what()))
                .containsExactly("a#0", "a#1", "a#2", "a#3", "a#4");
        assertThat(engine.lastSequenceNumberFor("a")).contains(4L);
        assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
        assertThat(((LogPosition) engine.createHeadToken()).index()).isEqualTo(6);
    }

    @Test
    void trackingResumesInTheMiddleOfACommit() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(events("a", 0, 3));
        engine.appendEvents(events("b", 0, 2));
        List<TrackedEventMessage<?>> all = readAll(engine, null);
        TrackingToken afterSecond = all.get(1).trackingToken();
        assertThat(afterSecond).isEqualTo(new LogPosition(2, 1));

        assertThat(readAll(engine, afterSecond)).extracting(e -> ((Happened) e.getPayload()).what())
                                                .containsExactly("a#2", "b#0", "b#1");
        assertThat(readAll(engine, all.get(2).trackingToken())).hasSize(2);
        assertThat(readAll(engine, all.get(4).trackingToken())).isEmpty();
    }

    @Test
    void twoCommandsOnOneAggregateAtTheSameVersionCannotBothCommit() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(events("a", 0, 1));
        assertThatThrownBy(() -> engine.appendEvents(events("a", 0, 2))).isInstanceOf(ConcurrencyException.class);
        // Nothing of the refused commit is visible, and the log goes on without a hole.
        engine.appendEvents(events("b", 0, 1));
        assertThat(readAll(engine, null)).extracting(e -> ((Happened) e.getPayload()).what())
                                         .containsExactly("a#0", "b#0");
    }

    @Test
    void aSecondNodeOnTheSameDatabaseContinuesTheOrder() {
        MongoEventStorageEngine first = engine();
        MongoEventStorageEngine second = engine();
        first.appendEvents(events("a", 0, 2));
        second.appendEvents(events("b", 0, 1));
        first.appendEvents(events("c", 0, 1));
        assertThat(readAll(first, null)).extracting(e -> ((Happened) e.getPayload()).what())
                                        .containsExactly("a#0", "a#1", "b#0", "c#0");
    }

    @Test
    void snapshotsReplaceEachOtherAndLoadingStartsAfterThem() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(events("a", 0, 3));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Thing", "a", 1, new Happened("state@1")));
        engine.storeSnapshot(new GenericDomainEventMessage<>("Thing", "a", 2, new Happened("state@2")));
        engine.appendEvents(events("a", 3, 1));
        assertThat(engine.readSnapshot("a")).map(e -> ((Happened) e.getPayload()).what()).contains("state@2");
        // The event store loads from the snapshot on: at a commit boundary, or inside a commit.
        assertThat(engine.readEvents("a", 3).asStream().map(e -> ((Happened) e.getPayload()).what()))
                .containsExactly("a#3");
        assertThat(engine.readEvents("a", 2).asStream().map(e -> ((Happened) e.getPayload()).what()))
                .containsExactly("a#2", "a#3");
    }

    /** Commits of 1 to 11 events (6 on average), so that readers often stop and resume inside a commit. */
    static Void write(MongoEventStorageEngine engine, String aggregate, int commits) {
        long seq = 0;
        for (int c = 0; c < commits; c++) {
            int count = 1 + c % 11;
            engine.appendEvents(events(aggregate, seq, count));
            seq += count;
        }
        return null;
    }

    @Test
    void concurrentWritersInTwoProcessesAndConcurrentReadersSeeEveryEventOnceInOrder(@TempDir Path dir)
            throws Exception {
        int localWriters = 4;
        int remoteWriters = 4;
        int commitsPerWriter = 440;
        long expected = (long) (localWriters + remoteWriters) * commitsPerWriter * 6;
        MongoEventStorageEngine nodeA = engine();
        MongoEventStorageEngine nodeB = engine();
        ExecutorService pool = Executors.newFixedThreadPool(localWriters + 2);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<List<Long>>> reads = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            MongoEventStorageEngine node = r == 0 ? nodeA : nodeB;
            reads.add(pool.submit(() -> {
                List<Long> seen = new ArrayList<>();
                TrackingToken token = null;
                go.await();
                while (true) {
                    boolean done = !writing.get();
                    List<TrackedEventMessage<?>> batch = readAll(node, token);
                    for (TrackedEventMessage<?> event : batch) {
                        seen.add(((LogPosition) event.trackingToken()).index());
                        token = event.trackingToken();
                    }
                    if (done) {
                        return seen;
                    }
                    if (batch.isEmpty()) {
                        Thread.sleep(5);
                    }
                }
            }));
        }
        // Half the writers are another JVM with its own engine, reaching this test's server over TCP.
        Path stderr = dir.resolve("remote.err");
        Process remote = ChildJvm.start(RemoteWriter.class, stderr, connectionString, database.getName(),
                                        String.valueOf(localWriters), String.valueOf(remoteWriters),
                                        String.valueOf(commitsPerWriter));
        List<Future<?>> writes = new ArrayList<>();
        for (int w = 0; w < localWriters; w++) {
            MongoEventStorageEngine node = w % 2 == 0 ? nodeA : nodeB;
            String aggregate = "writer-" + w;
            writes.add(pool.submit(() -> {
                go.await();
                return write(node, aggregate, commitsPerWriter);
            }));
        }
        go.countDown();
        try {
            for (Future<?> write : writes) {
                write.get(120, TimeUnit.SECONDS);
            }
            assertThat(remote.waitFor(120, TimeUnit.SECONDS)).as("remote writers done").isTrue();
            assertThat(remote.exitValue()).as("remote writers: %s", ChildJvm.stderrOf(stderr)).isZero();
        } finally {
            writing.set(false);
            remote.destroyForcibly();
        }
        Set<String> aggregates = ConcurrentHashMap.newKeySet();
        readAll(nodeA, null).forEach(e -> aggregates.add(((DomainEventMessage<?>) e).getAggregateIdentifier()));
        assertThat(aggregates).hasSize(localWriters + remoteWriters);
        for (Future<List<Long>> read : reads) {
            List<Long> seen = read.get(60, TimeUnit.SECONDS);
            assertThat(seen).hasSize((int) expected);
            assertThat(seen).isEqualTo(LongStream.rangeClosed(1, expected).boxed().toList());
        }
        pool.shutdownNow();
        // Three engines in two processes chained every commit to the one stored before it, whoever wrote that.
        AuditChainVerification chain = new AuditChainVerifier(new CommitLog(database)).verify(null, null);
        assertThat(chain.valid()).as(chain.message()).isTrue();
        assertThat(chain.entriesChecked()).isEqualTo(expected);
    }
}

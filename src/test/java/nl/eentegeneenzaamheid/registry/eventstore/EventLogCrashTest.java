package nl.eentegeneenzaamheid.registry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable when acknowledged: a writer process on the H2 file store is killed hard (SIGKILL) in the middle of its
 * appends; every commit it acknowledged must be in the file afterwards, whole, on a log without holes.
 */
class EventLogCrashTest {

    private static final int ACKS_BEFORE_KILL = 300;

    record Ack(long position, String aggregate, long firstSeq, int count) {
    }

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedCommitSurvivesAHardKillAndTheLogContinuesWithoutAHole() throws Exception {
        String file = dir.resolve("registry.mv").toString();
        Path stderr = dir.resolve("writer.err");
        Process writer = ChildJvm.start(CrashingWriter.class, stderr, file, "4");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                                                                               StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // The pipe closes when the process dies: what was read so far is all there is.
            }
        });
        pump.start();
        List<Ack> acks = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acks.size() < ACKS_BEFORE_KILL) {
            assertThat(System.nanoTime()).as("acknowledgements in time; the writer said: %s",
                                             ChildJvm.stderrOf(stderr)).isLessThan(deadline);
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith("ACK ")) {
                acks.add(parse(line));
            }
        }
        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        pump.join(TimeUnit.SECONDS.toMillis(30));
        // Lines still in the pipe were printed, hence acknowledged, before the kill: they count too.
        for (String line = lines.poll(); line != null; line = lines.poll()) {
            if (line.startsWith("ACK ")) {
                acks.add(parse(line));
            }
        }

        H2Backend backend = new H2Backend(file);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        try (MongoClient client = MongoClients.create(server.getConnectionString())) {
            MongoEventStorageEngine engine = CrashingWriter.engine(client, new EmbeddedStore(server, backend));
            List<? extends TrackedEventMessage<?>> log = engine.readEvents(null, false).toList();
            long end = log.size();
            // No hole: the chain from position 1 is contiguous, and no commit lies beyond where it ends.
            assertThat(log).extracting(e -> ((LogPosition) e.trackingToken()).index())
                           .containsExactlyElementsOf(LongStream.rangeClosed(1, end).boxed().toList());
            MongoCollection<Document> commits = client.getDatabase("crash").getCollection("commits");
            Map<Long, Document> byPosition = new HashMap<>();
            commits.find().forEach(c -> byPosition.put(c.getLong("_id"), c));
            assertThat(byPosition.values().stream().mapToLong(c -> c.getInteger("count")).sum()).isEqualTo(end);
            // No partial commit: each one holds exactly the events it claims, in sequence.
            for (Document commit : byPosition.values()) {
                List<Long> seqs = commit.getList("events", Document.class).stream().map(e -> e.getLong("seq"))
                                        .toList();
                assertThat(seqs).containsExactlyElementsOf(
                        LongStream.rangeClosed(commit.getLong("firstSeq"), commit.getLong("lastSeq")).boxed().toList());
                assertThat(seqs).hasSize(commit.getInteger("count"));
            }
            // Every acknowledged commit is there, whole, where the writer was told it is.
            assertThat(acks).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
            for (Ack ack : acks) {
                Document commit = byPosition.get(ack.position());
                assertThat(commit).as("acknowledged commit at %d", ack.position()).isNotNull();
                assertThat(commit.getString("aggregateId")).isEqualTo(ack.aggregate());
                assertThat(commit.getLong("firstSeq")).isEqualTo(ack.firstSeq());
                assertThat(commit.getInteger("count")).isEqualTo(ack.count());
            }
            // Each aggregate's history is unbroken too.
            for (int w = 0; w < 4; w++) {
                List<Long> seqs = engine.readEvents("writer-" + w).asStream()
                                        .map(DomainEventMessage::getSequenceNumber).toList();
                assertThat(seqs).containsExactlyElementsOf(LongStream.range(0, seqs.size()).boxed().toList());
            }

            // The log goes on right after what survived.
            long nextSeq = engine.lastSequenceNumberFor("writer-0").orElse(-1L) + 1;
            engine.appendEvents(CrashingWriter.events("writer-0", nextSeq, 2));
            engine.appendEvents(CrashingWriter.events("after-the-crash", 0, 1));
            assertThat(engine.lastAppendedPositionOfThisThread()).isEqualTo(end + 3);
            assertThat(engine.readEvents(null, false).count()).isEqualTo(end + 3);
        } finally {
            server.shutdown();
        }
    }

    private static Ack parse(String line) {
        String[] parts = line.split(" ");
        return new Ack(Long.parseLong(parts[1]), parts[2], Long.parseLong(parts[3]), Integer.parseInt(parts[4]));
    }
}

package nl.eentegeneenzaamheid.registry.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Does the cost of the event store's hot paths grow with the log? Fills the log directly (commit documents as the
 * engine writes them) to 10,000 events, measures a tracking batch, an aggregate load and finding the next free
 * position, fills on to 1,000,000 and measures again. Not part of {@code ./mvnw verify}:
 * {@code ./mvnw -o test -Pbenchmark -Dtest=EventStoreScalingBenchmark [-Dbench.backend=memory|h2] [-Dbench.large=1000000]}.
 */
@Tag("benchmark")
class EventStoreScalingBenchmark {

    private static final int SMALL = 10_000;
    private static final String AGGREGATE = "org-benchmark";
    private static final int AGGREGATE_EVENTS = 100;
    private static final String PAYLOAD = "{\"organisationId\":\"org-%s\",\"name\":\"Organisation %s\","
                                          + "\"kind\":\"NATIONAL\",\"sector\":\"COMPANIES\",\"kvkNumber\":null,"
                                          + "\"parentId\":null,\"municipalityCode\":null}";

    @Test
    void hotPathsCostTheSameAtTenThousandAndAtAMillionEvents() throws IOException {
        int large = Integer.getInteger("bench.large", 1_000_000);
        String backend = System.getProperty("bench.backend", "h2");
        Path dir = Files.createTempDirectory("event-store-benchmark");
        MongoServer server = new MongoServer("memory".equals(backend) ? new MemoryBackend()
                : new H2Backend(dir.resolve("bench.mv").toString()));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoDatabase database = client.getDatabase("bench");
            MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            builder.eventSerializer(serializer).snapshotSerializer(serializer).batchSize(100);
            MongoEventStorageEngine engine = new MongoEventStorageEngine(builder, database, EmbeddedStore.none());
            MongoCollection<Document> commits = database.getCollection(MongoEventStorageEngine.COMMITS);

            long fillStart = System.nanoTime();
            fill(commits, 1, SMALL);
            markHead(database, SMALL + 1);
            double fillSmall = (System.nanoTime() - fillStart) / 1e9;
            Map<String, Double> atSmall = measure(engine, SMALL);
            fillStart = System.nanoTime();
            fill(commits, SMALL + 1, large);
            markHead(database, large + 1);
            double fillLarge = (System.nanoTime() - fillStart) / 1e9;
            Map<String, Double> atLarge = measure(engine, large);

            StringBuilder report = new StringBuilder();
            report.append(String.format("backend %s; filled %,d events in %.1f s, then %,d more in %.1f s%n", backend,
                                        SMALL, fillSmall, large - SMALL, fillLarge));
            report.append(String.format("%-26s %14s %14s %8s%n", "operation (mean ms)", SMALL + " events",
                                        large + " events", "ratio"));
            atSmall.forEach((name, small) -> report.append(String.format(
                    "%-26s %14.3f %14.3f %8.2f%n", name, small, atLarge.get(name), atLarge.get(name) / small)));
            System.out.println(report);
            Path out = Path.of("target", "benchmark");
            Files.createDirectories(out);
            Files.writeString(out.resolve("event-store-scaling.txt"), report.toString());
        } finally {
            server.shutdownNow();
        }
    }

    /** Commits of one event each at positions [from, to]; every 100th of the first 10,000 belongs to one aggregate. */
    private static void fill(MongoCollection<Document> commits, long from, long to) {
        List<Document> batch = new ArrayList<>();
        long aggregateSeq = 0;
        for (long position = from; position <= to; position++) {
            boolean ours = position <= SMALL && position % (SMALL / AGGREGATE_EVENTS) == 0;
            String aggregate = ours ? AGGREGATE : "org-" + position;
            long seq = ours ? aggregateSeq++ : 0;
            Document event = new Document("eventId", "event-" + position).append("seq", seq)
                    .append("timestamp", "2024-01-01T00:00:00Z")
                    .append("payloadType", "nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent$"
                                           + (seq == 0 ? "OrganisationRegistered" : "OrganisationRenamed"))
                    .append("payloadRevision", "1")
                    .append("payload", String.format(PAYLOAD, position, position))
                    .append("metaData", "{\"actor\":\"benchmark\"}");
            batch.add(new Document("_id", position).append("aggregateId", aggregate)
                              .append("aggregateType", "Organisation").append("firstSeq", seq)
                              .append("lastSeq", seq).append("count", 1).append("events", List.of(event)));
            if (batch.size() == 10_000) {
                commits.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            commits.insertMany(batch);
        }
    }

    /** The hint the engine keeps of where the log ends, as its appends leave it. */
    private static void markHead(MongoDatabase database, long next) {
        database.getCollection(MongoEventStorageEngine.HEADS).replaceOne(
                new Document("_id", MongoEventStorageEngine.COMMITS), new Document("next", next),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    private static Map<String, Double> measure(MongoEventStorageEngine engine, long logSize) {
        Random random = new Random(42);
        Map<String, Double> result = new LinkedHashMap<>();
        int rounds = 200;
        // Warm up the JIT and caches with the same calls before timing.
        for (int i = 0; i < 50; i++) {
            trackingBatch(engine, 1 + random.nextInt((int) logSize - 200));
            engine.readEvents(AGGREGATE, 0).asStream().count();
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            trackingBatch(engine, 1 + random.nextInt((int) logSize - 200));
        }
        result.put("tracking batch (100)", (System.nanoTime() - start) / 1e6 / rounds);
        start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            long loaded = engine.readEvents(AGGREGATE, 0).asStream().count();
            if (loaded != AGGREGATE_EVENTS) {
                throw new IllegalStateException("Loaded " + loaded + " events of the aggregate");
            }
        }
        result.put("aggregate load (100)", (System.nanoTime() - start) / 1e6 / rounds);
        start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            engine.createHeadToken();
        }
        result.put("log head", (System.nanoTime() - start) / 1e6 / rounds);
        return result;
    }

    private static void trackingBatch(MongoEventStorageEngine engine, long after) {
        long read = engine.readEvents(new LogPosition(after, after + 1), false).limit(100).count();
        if (read != 100) {
            throw new IllegalStateException("Read " + read + " events after " + after);
        }
    }
}

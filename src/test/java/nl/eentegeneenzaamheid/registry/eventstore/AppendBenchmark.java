package nl.eentegeneenzaamheid.registry.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;

/**
 * Appends per second on the H2 file store, durable when acknowledged, next to raw {@code insertMany} of the same
 * documents synced once per batch. Run by hand (not part of {@code verify}); see docs/event-store.md:
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) ...AppendBenchmark [seconds]}.
 */
public final class AppendBenchmark {

    record Happened(String what) {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (int threads : new int[] {1, 8}) {
            try (Store store = new Store()) {
                System.out.printf("engine appendEvents, %d writer thread(s): %.0f commits/s%n", threads,
                                  store.engineAppends(threads, seconds));
            }
        }
        for (int batch : new int[] {1, 8, 64}) {
            try (Store store = new Store()) {
                System.out.printf("raw insertMany of %d commit documents + sync per batch, 1 thread: %.0f docs/s%n",
                                  batch, store.rawInserts(batch, seconds));
            }
        }
    }

    /** A fresh file store, as the registry runs it. */
    private static final class Store implements AutoCloseable {
        final Path dir = Files.createTempDirectory("append-benchmark");
        final H2Backend backend = new H2Backend(dir.resolve("registry.mv").toString());
        final MongoServer server = new MongoServer(backend);
        final EmbeddedStore embedded = new EmbeddedStore(server, backend);
        final MongoClient client;

        Store() throws Exception {
            server.bind("127.0.0.1", 0);
            client = MongoClients.create(server.getConnectionString());
        }

        double engineAppends(int threads, int seconds) throws Exception {
            MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            builder.eventSerializer(serializer).snapshotSerializer(serializer);
            MongoEventStorageEngine engine = new MongoEventStorageEngine(builder, client.getDatabase("bench"),
                                                                         embedded);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Future<Long>> counts = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                String aggregate = "writer-" + t;
                counts.add(pool.submit(() -> {
                    long seq = 0;
                    while (System.nanoTime() < until) {
                        engine.appendEvents(List.of(new GenericDomainEventMessage<>(
                                "Thing", aggregate, seq, new Happened(aggregate + " did thing " + seq))));
                        seq++;
                    }
                    return seq;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get(seconds + 60L, TimeUnit.SECONDS);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            return total / elapsed;
        }

        /** The same document shape the engine writes, inserted directly: the floor the engine's overhead sits on. */
        double rawInserts(int batch, int seconds) {
            MongoCollection<Document> commits = client.getDatabase("bench").getCollection("commits");
            commits.createIndex(Indexes.ascending("aggregateId", "firstSeq"), new IndexOptions().unique(true));
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            long start = System.nanoTime();
            long position = 1;
            while (System.nanoTime() < until) {
                List<Document> docs = new ArrayList<>(batch);
                for (int i = 0; i < batch; i++, position++) {
                    String payload = serializer.serialize(new Happened("writer-0 did thing " + position),
                                                          String.class).getData();
                    docs.add(new Document("_id", position).append("aggregateId", "writer-0")
                                     .append("aggregateType", "Thing").append("firstSeq", position)
                                     .append("lastSeq", position).append("count", 1)
                                     .append("events", List.of(new Document("eventId", "e" + position)
                                             .append("seq", position).append("timestamp", "2025-01-01T00:00:00Z")
                                             .append("payloadType", Happened.class.getName())
                                             .append("payloadRevision", null).append("payload", payload)
                                             .append("metaData", "{}"))));
                }
                commits.insertMany(docs);
                embedded.sync();
            }
            return (position - 1) / ((System.nanoTime() - start) / 1e9);
        }

        @Override
        public void close() {
            client.close();
            embedded.close();
        }
    }
}

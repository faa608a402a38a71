package nl.eentegeneenzaamheid.registry.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.springframework.util.FileSystemUtils;

/**
 * Appends per second through {@link MongoEventStorageEngine} on a fresh H2 file store, next to raw {@code insertMany}
 * of the very documents the engine wrote, by as many writer threads, each into a fresh store of its own: once durable
 * like the engine (every writer waits for an {@link EmbeddedStore#sync()} after its insert, grouped like the engine's),
 * once without any sync (what the database does when nobody waits for the disk). Used by the benchmark suite
 * (docs/performance.md, "Issue 9 benchmarks").
 */
public final class AppendRates {

    /** Events per second; every commit holds one event. */
    public record Rates(int writers, double engine, double rawSynced, double rawUnsynced, long engineEvents) {
    }

    record Happened(String organisationId, String name, String sector) {
    }

    private AppendRates() {
    }

    public static Rates measure(int writers, Duration duration) throws Exception {
        List<Document> written;
        double engine;
        long engineEvents;
        try (Store store = new Store()) {
            engine = store.engineAppends(writers, duration);
            written = store.commits().find().limit(1_000).into(new ArrayList<>());
            engineEvents = store.commits().countDocuments();
        }
        double synced;
        try (Store store = new Store()) {
            synced = store.rawInserts(written, writers, duration, true);
        }
        double unsynced;
        try (Store store = new Store()) {
            unsynced = store.rawInserts(written, writers, duration, false);
        }
        return new Rates(writers, engine, synced, unsynced, engineEvents);
    }

    /** A fresh file store, as the registry runs it by default. */
    private static final class Store implements AutoCloseable {
        final Path dir;
        final H2Backend backend;
        final MongoServer server;
        final EmbeddedStore embedded;
        final MongoClient client;

        Store() {
            try {
                dir = Files.createTempDirectory("append-rates");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            backend = new H2Backend(dir.resolve("registry.mv").toString());
            server = new MongoServer(backend);
            embedded = new EmbeddedStore(server, backend);
            server.bind("127.0.0.1", 0);
            client = MongoClients.create(server.getConnectionString());
        }

        MongoCollection<Document> commits() {
            return client.getDatabase("bench").getCollection(MongoEventStorageEngine.COMMITS);
        }

        double engineAppends(int writers, Duration duration) throws Exception {
            MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            builder.eventSerializer(serializer).snapshotSerializer(serializer);
            MongoEventStorageEngine engine = new MongoEventStorageEngine(builder, client.getDatabase("bench"),
                                                                         embedded);
            return run(writers, duration, writer -> {
                String aggregate = "organisation-" + writer;
                AtomicLong seq = new AtomicLong();
                return () -> {
                    long s = seq.getAndIncrement();
                    engine.appendEvents(List.of(new GenericDomainEventMessage<>(
                            "Organisation", aggregate, s, new Happened(aggregate, "Organisation " + s, "COMPANIES"))));
                };
            });
        }

        /**
         * Each writer inserts the engine's documents in turn, one per {@code insertMany} as the engine inserts one
         * commit per append, at fresh positions and under an aggregate of its own (the unique index stays).
         */
        double rawInserts(List<Document> template, int writers, Duration duration, boolean sync) throws Exception {
            MongoCollection<Document> commits = commits();
            commits.createIndex(Indexes.ascending("aggregateId", "firstSeq"), new IndexOptions().unique(true));
            AtomicLong positions = new AtomicLong(1);
            return run(writers, duration, writer -> {
                AtomicLong seq = new AtomicLong();
                return () -> {
                    long s = seq.getAndIncrement();
                    Document doc = Document.parse(template.get((int) (s % template.size())).toJson());
                    doc.put("_id", positions.getAndIncrement());
                    doc.put("aggregateId", "raw-" + writer);
                    doc.put("firstSeq", s);
                    doc.put("lastSeq", s);
                    doc.getList("events", Document.class).get(0).put("seq", s);
                    commits.insertMany(List.of(doc));
                    if (sync) {
                        embedded.sync();
                    }
                };
            });
        }

        interface Writer {
            Runnable appender(int writer);
        }

        /** Runs every writer's appender over and over for the duration; returns the appends per second. */
        private static double run(int writers, Duration duration, Writer writer) throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                long start = System.nanoTime();
                long until = start + duration.toNanos();
                List<Future<Long>> counts = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    Runnable append = writer.appender(w);
                    counts.add(pool.submit(() -> {
                        long done = 0;
                        while (System.nanoTime() < until) {
                            append.run();
                            done++;
                        }
                        return done;
                    }));
                }
                long total = 0;
                for (Future<Long> count : counts) {
                    total += count.get(duration.toMillis() + 60_000, TimeUnit.MILLISECONDS);
                }
                return total / ((System.nanoTime() - start) / 1e9);
            } finally {
                pool.shutdownNow();
            }
        }

        @Override
        public void close() {
            client.close();
            embedded.close();
            FileSystemUtils.deleteRecursively(dir.toFile());
        }
    }
}

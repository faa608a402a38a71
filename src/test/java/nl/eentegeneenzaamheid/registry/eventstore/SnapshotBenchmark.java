package nl.eentegeneenzaamheid.registry.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a snapshot saves when loading an aggregate with a long history (the National Coalition will have thousands
 * of events): loading all of an aggregate's commits against loading its snapshot and the commits after it, for
 * several snapshot thresholds. Not part of {@code ./mvnw verify}:
 * {@code ./mvnw -o test -Pbenchmark -Dtest=SnapshotBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class SnapshotBenchmark {

    record MemberJoined(String organisationId, String joinedOn) {
    }

    record State(List<String> members) {
    }

    @Test
    void aSnapshotBoundsTheCostOfLoadingALongHistory() throws IOException {
        int commits = 2_000;
        Path dir = Files.createTempDirectory("snapshot-benchmark");
        MongoServer server = new MongoServer(new H2Backend(dir.resolve("bench.mv").toString()));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            builder.eventSerializer(serializer).snapshotSerializer(serializer).batchSize(100);
            MongoEventStorageEngine engine = new MongoEventStorageEngine(builder, client.getDatabase("bench"),
                                                                         EmbeddedStore.none());
            List<String> members = new ArrayList<>();
            for (int seq = 0; seq < commits; seq++) {
                members.add("org-" + seq);
                DomainEventMessage<?> event = new GenericDomainEventMessage<>(
                        "Coalition", "national", seq, new MemberJoined("org-" + seq, "2020-01-01"));
                engine.appendEvents(List.of(event));
            }
            StringBuilder report = new StringBuilder(String.format(
                    "Loading an aggregate of %,d commits (H2 file backend), mean of 20 loads:%n", commits));
            double full = time(() -> engine.readEvents("national", 0).asStream().count());
            report.append(String.format("  no snapshot: %8.1f ms%n", full));
            for (int threshold : new int[] {1000, 100, 20}) {
                // With threshold t, the newest snapshot is at most t events behind the head.
                long snapshotAt = commits - threshold;
                engine.storeSnapshot(new GenericDomainEventMessage<>("Coalition", "national", snapshotAt - 1,
                                                                     new State(members.subList(0, (int) snapshotAt))));
                double withSnapshot = time(() -> {
                    engine.readSnapshot("national").orElseThrow().getPayload();
                    return engine.readEvents("national", snapshotAt).asStream().count();
                });
                report.append(String.format("  snapshot threshold %4d: %8.1f ms (%.2f of a full load)%n", threshold,
                                            withSnapshot, withSnapshot / full));
            }
            System.out.println(report);
            Path out = Path.of("target", "benchmark");
            Files.createDirectories(out);
            Files.writeString(out.resolve("snapshots.txt"), report.toString());
        } finally {
            server.shutdownNow();
        }
    }

    private static double time(java.util.function.LongSupplier load) {
        for (int i = 0; i < 5; i++) {
            load.getAsLong();
        }
        long start = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            load.getAsLong();
        }
        return (System.nanoTime() - start) / 1e6 / 20;
    }
}

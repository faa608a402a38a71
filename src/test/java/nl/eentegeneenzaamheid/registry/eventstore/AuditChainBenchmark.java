package nl.eentegeneenzaamheid.registry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.eentegeneenzaamheid.registry.audit.AuditChainVerification;
import nl.eentegeneenzaamheid.registry.audit.AuditChainVerifier;
import nl.eentegeneenzaamheid.registry.audit.LogExport;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The hash chain on a large log: the upgrade that fills in the hashes of a log written before the chain, a full
 * verification and a full export, all streaming. Not part of {@code ./mvnw verify}:
 * {@code ./mvnw -o -q test -Pbenchmark -Dtest=AuditChainBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * [-Dbench.events=100000] [-Dbench.backend=h2|memory]}; figures in docs/performance.md.
 */
@Tag("benchmark")
class AuditChainBenchmark {

    private static final String PAYLOAD = "{\"organisationId\":\"org-%s\",\"name\":\"Organisation %s\","
                                          + "\"kind\":\"NATIONAL\",\"sector\":\"COMPANIES\",\"kvkNumber\":null,"
                                          + "\"parentId\":null,\"municipalityCode\":null}";

    @Test
    void upgradeVerifyAndExportALargeLog() throws IOException {
        int events = Integer.getInteger("bench.events", 100_000);
        String backend = System.getProperty("bench.backend", "h2");
        Path dir = Files.createTempDirectory("audit-chain-benchmark");
        MongoServer server = new MongoServer("memory".equals(backend) ? new MemoryBackend()
                : new H2Backend(dir.resolve("bench.mv").toString()));
        try (MongoClient client = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoDatabase database = client.getDatabase("bench");
            long started = System.nanoTime();
            fillWithoutHashes(database.getCollection(MongoEventStorageEngine.COMMITS), events);
            double fill = seconds(started);

            // The engine's start on a log written before the chain: every hash filled in, in order.
            started = System.nanoTime();
            MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            builder.eventSerializer(serializer).snapshotSerializer(serializer);
            new MongoEventStorageEngine(builder, database, EmbeddedStore.none());
            double upgrade = seconds(started);

            started = System.nanoTime();
            AuditChainVerification verification = new AuditChainVerifier(new CommitLog(database)).verify(null, null);
            double verify = seconds(started);
            assertThat(verification.valid()).as(verification.message()).isTrue();
            assertThat(verification.entriesChecked()).isEqualTo(events);

            Path file = dir.resolve("log.ndjson");
            started = System.nanoTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                assertThat(new LogExport(new CommitLog(database)).write(null, null, out).events()).isEqualTo(events);
            }
            double export = seconds(started);

            String report = String.format(
                    "backend %s, %,d events (one per commit), filled in %.1f s%n"
                    + "upgrade (fill in every hash)  %6.1f s  %,8.0f events/s%n"
                    + "verify the whole chain        %6.1f s  %,8.0f events/s%n"
                    + "export as NDJSON              %6.1f s  %,8.0f events/s  (%,d bytes)%n",
                    backend, events, fill, upgrade, events / upgrade, verify, events / verify, export, events / export, Files.size(file));
            System.out.println(report);
            Path out = Path.of("target", "benchmark");
            Files.createDirectories(out);
            Files.writeString(out.resolve("audit-chain.txt"), report);
        } finally {
            server.shutdownNow();
        }
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    /** Commit documents as the engine wrote them before the chain (no hash), one event each. */
    private static void fillWithoutHashes(MongoCollection<Document> commits, int events) {
        List<Document> batch = new ArrayList<>();
        for (long position = 1; position <= events; position++) {
            Document event = new Document("eventId", "event-" + position).append("seq", 0L)
                    .append("timestamp", "2024-01-01T00:00:00Z")
                    .append("payloadType", "nl.eentegeneenzaamheid.registry.organisation.OrganisationEvent$"
                                           + "OrganisationRegistered")
                    .append("payloadRevision", "1")
                    .append("payload", String.format(PAYLOAD, position, position))
                    .append("metaData", "{\"actor\":\"benchmark\",\"requestId\":\"r-" + position + "\"}");
            batch.add(new Document("_id", position).append("aggregateId", "org-" + position)
                              .append("aggregateType", "Organisation").append("firstSeq", 0L)
                              .append("lastSeq", 0L).append("count", 1).append("events", List.of(event)));
            if (batch.size() == 10_000) {
                commits.insertMany(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            commits.insertMany(batch);
        }
    }
}

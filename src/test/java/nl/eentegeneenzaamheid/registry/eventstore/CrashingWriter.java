package nl.eentegeneenzaamheid.registry.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The process {@code EventLogCrashTest} kills: opens the H2 file store like the registry does, appends commits of one
 * to three events from a few threads until killed, and prints one {@code ACK position aggregate firstSeq count} line
 * per commit the engine acknowledged.
 */
final class CrashingWriter {

    record Happened(String what) {
    }

    private CrashingWriter() {
    }

    public static void main(String[] args) {
        String file = args[0];
        int threads = Integer.parseInt(args[1]);
        H2Backend backend = new H2Backend(file);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        MongoClient client = MongoClients.create(server.getConnectionString());
        MongoEventStorageEngine engine = engine(client, new EmbeddedStore(server, backend));
        for (int t = 0; t < threads; t++) {
            String aggregate = "writer-" + t;
            Thread writer = new Thread(() -> {
                long seq = 0;
                for (int c = 0; ; c++) {
                    int count = 1 + c % 3;
                    engine.appendEvents(events(aggregate, seq, count));
                    long first = engine.lastAppendedPositionOfThisThread() - count + 1;
                    ack("ACK " + first + " " + aggregate + " " + seq + " " + count);
                    seq += count;
                }
            });
            writer.start();
        }
    }

    private static synchronized void ack(String line) {
        System.out.println(line);
        System.out.flush();
    }

    static MongoEventStorageEngine engine(MongoClient client, EmbeddedStore store) {
        MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        builder.eventSerializer(serializer).snapshotSerializer(serializer).batchSize(50);
        return new MongoEventStorageEngine(builder, client.getDatabase("crash"), store);
    }

    static List<DomainEventMessage<?>> events(String aggregate, long firstSeq, int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new GenericDomainEventMessage<>("Thing", aggregate, firstSeq + i,
                                                       new Happened(aggregate + "#" + (firstSeq + i))));
        }
        return events;
    }
}

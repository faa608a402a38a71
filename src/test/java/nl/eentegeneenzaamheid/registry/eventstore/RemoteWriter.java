package nl.eentegeneenzaamheid.registry.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * A second node for {@code MongoEventStorageEngineTest}: its own JVM and its own engine on the test's database,
 * reached over TCP with the sync driver. Arguments: connection string, database, first writer number, writers,
 * commits per writer. Exits 0 once all its commits are in.
 */
final class RemoteWriter {

    private RemoteWriter() {
    }

    public static void main(String[] args) throws Exception {
        int firstWriter = Integer.parseInt(args[2]);
        int writers = Integer.parseInt(args[3]);
        int commits = Integer.parseInt(args[4]);
        try (MongoClient client = MongoClients.create(args[0])) {
            MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            builder.eventSerializer(serializer).snapshotSerializer(serializer).batchSize(50);
            MongoEventStorageEngine engine = new MongoEventStorageEngine(builder, client.getDatabase(args[1]),
                                                                         EmbeddedStore.none());
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> done = new ArrayList<>();
            for (int w = firstWriter; w < firstWriter + writers; w++) {
                String aggregate = "writer-" + w;
                done.add(pool.submit(() -> MongoEventStorageEngineTest.write(engine, aggregate, commits)));
            }
            for (Future<?> writer : done) {
                writer.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
        }
        System.exit(0);
    }
}

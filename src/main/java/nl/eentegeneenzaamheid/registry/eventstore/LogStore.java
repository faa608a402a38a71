package nl.eentegeneenzaamheid.registry.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

/**
 * The registry's database opened outside the running application, as the application would open it (the embedded
 * store in the data directory, or {@code MONGODB_URI}): for command-line work such as the log export.
 */
public final class LogStore implements AutoCloseable {

    private final EmbeddedStore embedded;
    private final MongoClient client;
    private final MongoDatabase database;

    private LogStore(EmbeddedStore embedded, MongoClient client, String databaseName) {
        this.embedded = embedded;
        this.client = client;
        this.database = client.getDatabase(databaseName);
    }

    public static LogStore open(StoreProperties properties, String databaseName) {
        EmbeddedStore embedded = MongoConfiguration.startEmbeddedStore(properties);
        try {
            return new LogStore(embedded, MongoConfiguration.client(properties, embedded), databaseName);
        } catch (RuntimeException e) {
            embedded.close();
            throw e;
        }
    }

    public MongoDatabase database() {
        return database;
    }

    @Override
    public void close() {
        client.close();
        embedded.close();
    }
}

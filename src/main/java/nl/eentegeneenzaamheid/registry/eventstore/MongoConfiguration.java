package nl.eentegeneenzaamheid.registry.eventstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.autoconfigure.mongo.StandardMongoClientSettingsBuilderCustomizer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * One code path for both stores: the registry always talks to MongoDB through the sync driver; without
 * {@code MONGODB_URI} it first starts a wire-compatible server inside the process.
 */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedStore embeddedStore(StoreProperties properties) {
        return startEmbeddedStore(properties);
    }

    static EmbeddedStore startEmbeddedStore(StoreProperties properties) {
        if (!properties.embedded()) {
            return EmbeddedStore.none();
        }
        if ("memory".equals(properties.embeddedBackend())) {
            MongoServer server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            return new EmbeddedStore(server, null);
        }
        try {
            Files.createDirectories(properties.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + properties.dataDir(), e);
        }
        String file = properties.dataDir().resolve("registry.mv").toAbsolutePath().toString();
        H2Backend backend = new H2Backend(file);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        log.info("Embedded store started on {} with its files in {}", server.getLocalAddress(), file);
        return new EmbeddedStore(server, backend);
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(StoreProperties properties, EmbeddedStore embeddedStore,
                            ObjectProvider<MongoClientSettingsBuilderCustomizer> customizers) {
        // Boot's hook, so that a command listener (tests count queries with one) can be added to this client. Boot's
        // own customizer is left out: it would put spring.data.mongodb's defaults over the registry's settings.
        return client(properties, embeddedStore, customizers.orderedStream()
                .filter(c -> !(c instanceof StandardMongoClientSettingsBuilderCustomizer)).toList());
    }

    static MongoClient client(StoreProperties properties, EmbeddedStore embeddedStore) {
        return client(properties, embeddedStore, List.of());
    }

    private static MongoClient client(StoreProperties properties, EmbeddedStore embeddedStore,
                                      List<MongoClientSettingsBuilderCustomizer> customizers) {
        ConnectionString uri = properties.embedded()
                ? new ConnectionString(embeddedStore.connectionString())
                : new ConnectionString(properties.mongodbUri());
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(uri)
                // A replica set acknowledges a write only once a majority has it; the embedded store ignores both.
                .writeConcern(WriteConcern.MAJORITY)
                .readConcern(ReadConcern.MAJORITY);
        customizers.forEach(customizer -> customizer.customize(settings));
        return MongoClients.create(settings.build());
    }

    /** Replaces Boot's Mongo health check, which asks for {@code hello}: the embedded server only knows {@code ping}. */
    @Bean
    AbstractHealthIndicator mongoHealthContributor(MongoTemplate mongo) {
        return new AbstractHealthIndicator() {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                Document answer = mongo.executeCommand(new Document("ping", 1));
                builder.up().withDetail("database", mongo.getDb().getName()).withDetail("ping", answer.get("ok"));
            }
        };
    }
}

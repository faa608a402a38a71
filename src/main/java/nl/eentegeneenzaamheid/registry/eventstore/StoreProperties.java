package nl.eentegeneenzaamheid.registry.eventstore;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and how the registry keeps its data.
 *
 * @param dataDir            directory of the embedded store's files
 * @param mongodbUri         a real MongoDB (replica set); when blank the embedded store is started in-process
 * @param embeddedBackend    {@code h2} (files, the default) or {@code memory} (nothing kept, for tests)
 * @param projectionWait     how long a mutation waits for its read models before answering
 * @param snapshotThreshold  events after which an aggregate's state is snapshotted
 */
@ConfigurationProperties("registry")
public record StoreProperties(Path dataDir, String mongodbUri, String embeddedBackend, Duration projectionWait,
                              int snapshotThreshold) {

    public boolean embedded() {
        return mongodbUri == null || mongodbUri.isBlank();
    }
}

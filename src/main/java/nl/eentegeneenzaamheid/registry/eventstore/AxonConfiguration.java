package nl.eentegeneenzaamheid.registry.eventstore;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    MongoEventStorageEngine eventStorageEngine(@Qualifier("eventSerializer") Serializer eventSerializer,
                                               Serializer serializer, MongoClient client, MongoTemplate template,
                                               EmbeddedStore embeddedStore,
                                               org.axonframework.config.Configuration configuration) {
        MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
        builder.eventSerializer(eventSerializer).snapshotSerializer(serializer)
               .upcasterChain(configuration.upcasterChain()).snapshotFilter(configuration.snapshotFilter())
               .batchSize(200);
        return new MongoEventStorageEngine(builder, client.getDatabase(template.getDb().getName()), embeddedStore);
    }

    @Bean
    TokenStore tokenStore(Serializer serializer, MongoClient client, MongoTemplate template, Clock clock) {
        return new MongoTokenStore(client.getDatabase(template.getDb().getName()), serializer, clock,
                                   Duration.ofSeconds(10));
    }

    /** Aggregates with long histories (the National Coalition, the municipality register) load from a snapshot. */
    @Bean
    SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter, StoreProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /** Who caused a command, and under which request, travels on into every event it causes. */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider("actor", "role", "requestId");
    }

    @Bean
    ConfigurerModule trackingProcessors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessorConfiguration(
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100))
                // A projection that cannot handle an event stops and retries rather than silently skip it.
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance()));
    }
}

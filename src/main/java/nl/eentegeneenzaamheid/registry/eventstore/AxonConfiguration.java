package nl.eentegeneenzaamheid.registry.eventstore;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.common.caching.Cache;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.config.ProcessingGroup;
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
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    private static final int COMMAND_RETRIES = 5;
    private static final int COMMAND_RETRY_INTERVAL_MS = 25;

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

    /**
     * The loser of a race on one aggregate ({@link ConcurrencyException}: another command committed at the same
     * version) is sent again a few times before its caller hears CONFLICT. That is safe for every command: the
     * retry loads the aggregate afresh and decides again on the new state, so it refuses or does nothing where the
     * winner already did the work. Every other failure is final and reaches the caller at once.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
        return DefaultCommandGateway.builder().commandBus(commandBus)
                                    .retryScheduler(IntervalRetryScheduler.builder()
                                                                          .retryExecutor(retries)
                                                                          .retryInterval(COMMAND_RETRY_INTERVAL_MS)
                                                                          .maxRetryCount(COMMAND_RETRIES)
                                                                          .nonTransientFailurePredicate(
                                                                                  failure -> !isConcurrency(failure))
                                                                          .build())
                                    .build();
    }

    private static boolean isConcurrency(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    @Bean
    MongoTokenStore tokenStore(Serializer serializer, MongoClient client, MongoTemplate template, Clock clock) {
        return new MongoTokenStore(client.getDatabase(template.getDb().getName()), serializer, clock,
                                   Duration.ofSeconds(10));
    }

    /** Aggregates with long histories (the National Coalition, the municipality register) load from a snapshot. */
    @Bean
    SnapshotTriggerDefinition snapshotTrigger(Snapshotter snapshotter, StoreProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    /**
     * The large aggregates stay in memory between commands (an import sends hundreds to the National Coalition and to
     * the municipality register); see {@link AggregateCache} for several nodes. Every local coalition fits.
     */
    @Bean
    Cache coalitionCache(MongoEventStorageEngine engine) {
        return new AggregateCache(engine, 2_000);
    }

    @Bean
    Cache municipalityRegisterCache(MongoEventStorageEngine engine) {
        return new AggregateCache(engine, 10);
    }

    /**
     * Who caused a command, and under which request, travels on into every event it causes; so does the document an
     * imported fact comes from (its file, date and line).
     */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider("actor", "role", "requestId", "source", "sourceDate", "sourceLine");
    }

    /**
     * Projections park what they cannot handle (see {@link DeadLetters}); the groups named in
     * {@code registry.retrying-processing-groups} (policies that send commands) keep retrying instead: their failures
     * are mostly passing ones (a command timing out), and a parked policy event would leave an effect missing while
     * read-your-writes reports it done.
     */
    @Bean
    ConfigurerModule trackingProcessors(ListableBeanFactory beans, ObjectProvider<MongoClient> client,
                                        ObjectProvider<MongoTemplate> template,
                                        @Value("${registry.retrying-processing-groups:}") Set<String> retrying) {
        return configurer -> configurer.eventProcessing(processing -> {
            processing.registerTrackingEventProcessorConfiguration(
                              c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100))
                      // A handler of a retrying group that fails stops its processor, which retries the event.
                      .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
            Set<String> parking = new TreeSet<>();
            for (String name : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
                parking.add(beans.findAnnotationOnBean(name, ProcessingGroup.class).value());
            }
            parking.removeAll(retrying);
            DeadLetters.park(processing, parking,
                             c -> client.getObject().getDatabase(template.getObject().getDb().getName()));
        });
    }
}

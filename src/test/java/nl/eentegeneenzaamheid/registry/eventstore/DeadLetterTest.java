package nl.eentegeneenzaamheid.registry.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import nl.eentegeneenzaamheid.registry.eventstore.DeadLetterAdmin.Parked;
import nl.eentegeneenzaamheid.registry.eventstore.DeadLetterAdmin.ParkedEvent;
import nl.eentegeneenzaamheid.registry.eventstore.DeadLetterAdmin.RetryOutcome;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Poison events are parked with their reason, the processor goes on with other aggregates, and the parked events can
 * be listed, retried and evicted; the queue outlives a restart. Runs Axon's configuration API on the storage engine,
 * token store and queue of the registry, with a projection of its own, without a Spring context.
 */
class DeadLetterTest {

    private static final String GROUP = "poison";

    record Recorded(String id, String name) {
        Recorded {
            Objects.requireNonNull(name, "name is required");
        }
    }

    record Broken(String id) {
    }

    record Flaky(String id) {
    }

    record Keyed(String id, String key) {
    }

    /** A read model that fails in the ways a projection can. */
    @ProcessingGroup(GROUP)
    static final class Projection {

        final List<String> handled = Collections.synchronizedList(new ArrayList<>());
        final Set<String> flakyFailed = Collections.synchronizedSet(new HashSet<>());
        final MongoCollection<Document> rows;
        volatile boolean broken = true;

        Projection(MongoCollection<Document> rows) {
            this.rows = rows;
        }

        @EventHandler
        void on(Recorded event, DomainEventMessage<?> message) {
            handled.add(event.id() + ":" + message.getSequenceNumber());
        }

        @EventHandler
        void on(Broken event, DomainEventMessage<?> message) {
            if (broken) {
                throw new IllegalStateException("Municipality 0363 is not in the register yet");
            }
            handled.add(event.id() + ":" + message.getSequenceNumber());
        }

        @EventHandler
        void on(Flaky event, DomainEventMessage<?> message) {
            if (flakyFailed.add(event.id())) {
                throw new IllegalStateException("The address service did not answer");
            }
            handled.add(event.id() + ":" + message.getSequenceNumber());
        }

        @EventHandler
        void on(Keyed event, DomainEventMessage<?> message) {
            rows.insertOne(new Document("_id", event.key()));
            handled.add(event.id() + ":" + message.getSequenceNumber());
        }
    }

    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private MongoEventStorageEngine engine;
    private final JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    private Projection projection;
    private Configuration axon;

    @BeforeEach
    void setUp() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        database = client.getDatabase("deadletters");
        MongoEventStorageEngine.Builder builder = new MongoEventStorageEngine.Builder();
        builder.eventSerializer(serializer).snapshotSerializer(serializer).batchSize(50);
        engine = new MongoEventStorageEngine(builder, database, EmbeddedStore.none());
        projection = new Projection(database.getCollection("rows"));
    }

    @AfterEach
    void tearDown() {
        if (axon != null) {
            axon.shutdown();
        }
        client.close();
        server.shutdownNow();
    }

    private Configuration start() {
        axon = DefaultConfigurer.defaultConfiguration()
                                .configureSerializer(c -> serializer)
                                .configureEventSerializer(c -> serializer)
                                .configureEmbeddedEventStore(c -> engine)
                                .eventProcessing(p -> {
                                    p.usingTrackingEventProcessors()
                                     .registerTrackingEventProcessorConfiguration(
                                             c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                                                                     .andBatchSize(100))
                                     .registerTokenStore(c -> new MongoTokenStore(database, serializer,
                                                                                  Clock.systemUTC(),
                                                                                  Duration.ofSeconds(10)))
                                     .registerEventHandler(c -> projection);
                                    DeadLetters.park(p, Set.of(GROUP), c -> database);
                                })
                                .start();
        return axon;
    }

    private DeadLetterAdmin admin() {
        return new DeadLetterAdmin(axon.eventProcessingConfiguration());
    }

    private long append(String aggregate, long seq, Object payload) {
        engine.appendEvents(new GenericDomainEventMessage<>("Thing", aggregate, seq, payload));
        return engine.lastAppendedPositionOfThisThread();
    }

    /** Rewrites a stored event in place, as an old or damaged log would hold it. */
    private void tamper(long position, String payloadType, String payload) {
        database.getCollection("commits").updateOne(eq("_id", position), Updates.combine(
                Updates.set("events.0.payloadType", payloadType), Updates.set("events.0.payload", payload)));
    }

    private void awaitHead() {
        long head = ((LogPosition) engine.createHeadToken()).index();
        StreamingEventProcessor processor =
                axon.eventProcessingConfiguration().eventProcessor(GROUP, StreamingEventProcessor.class).orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(() -> processor.processingStatus().values().stream().anyMatch(
                s -> s.getTrackingToken() != null && s.getTrackingToken().position().orElse(0) >= head));
    }

    private Map<String, List<ParkedEvent>> parkedByAggregate() {
        return admin().list(GROUP, 100).events().stream()
                           .collect(Collectors.groupingBy(ParkedEvent::aggregateId));
    }

    @Test
    void poisonEventsAreParkedWithTheirReasonWhileOtherAggregatesFlow() {
        append("a", 0, new Recorded("a", "first"));
        long brokenAt = append("a", 1, new Broken("a"));
        append("a", 2, new Recorded("a", "behind"));
        append("a", 3, new Recorded("a", "behind too"));
        append("b", 0, new Recorded("b", "flows"));
        append("c", 0, new Flaky("c"));
        long unknown = append("d", 0, new Recorded("d", "renamed since"));
        tamper(unknown, "nl.eentegeneenzaamheid.registry.gone.MunicipalityRenamed", "{\"id\":\"d\"}");
        long notJson = append("e", 0, new Recorded("e", "damaged"));
        tamper(notJson, Recorded.class.getName(), "{not json");
        long missingField = append("f", 0, new Recorded("f", "incomplete"));
        tamper(missingField, Recorded.class.getName(), "{\"id\":\"f\"}");
        append("g", 0, new Keyed("g", "same-key"));
        append("h", 0, new Keyed("h", "same-key"));
        append("b", 1, new Recorded("b", "still flows"));

        start();
        awaitHead();

        // Other aggregates went on; a's events after its poison wait behind it.
        assertThat(projection.handled).containsExactly("a:0", "b:0", "g:0", "b:1");
        Parked list = admin().list(GROUP, 100);
        assertThat(list.count()).isEqualTo(8);
        assertThat(list.sequences()).isEqualTo(6);
        Map<String, List<ParkedEvent>> parked = parkedByAggregate();
        assertThat(parked.get("a")).extracting(ParkedEvent::sequence, ParkedEvent::reason)
                                   .containsExactly(tuple(1L, "HANDLER_FAILED"),
                                                    tuple(2L, "BEHIND_EARLIER_EVENT"),
                                                    tuple(3L, "BEHIND_EARLIER_EVENT"));
        ParkedEvent first = parked.get("a").get(0);
        assertThat(first.eventType()).isEqualTo("Broken");
        assertThat(first.position()).isEqualTo(brokenAt);
        assertThat(first.message()).isEqualTo("Municipality 0363 is not in the register yet");
        assertThat(first.parkedAt()).isNotNull();
        assertThat(first.retries()).isZero();
        assertThat(first.lastRetriedAt()).isNull();
        assertThat(parked.get("c").get(0).reason()).isEqualTo("HANDLER_FAILED");
        assertThat(parked.get("d").get(0)).satisfies(d -> {
            assertThat(d.reason()).isEqualTo("UNKNOWN_EVENT_TYPE");
            assertThat(d.eventType()).isEqualTo("MunicipalityRenamed");
        });
        assertThat(parked.get("e").get(0).reason()).isEqualTo("UNREADABLE_PAYLOAD");
        assertThat(parked.get("f").get(0)).satisfies(f -> {
            assertThat(f.reason()).isEqualTo("UNREADABLE_PAYLOAD");
            assertThat(f.message()).contains("name is required");
        });
        assertThat(parked.get("h").get(0)).satisfies(h -> {
            assertThat(h.reason()).isEqualTo("DATABASE_ERROR");
            assertThat(h.message()).contains("duplicate key");
        });
        // What the team sees names no internals: no packages, exception classes or stack traces.
        assertThat(list.events()).allSatisfy(l -> assertThat(l.message())
                .doesNotContain("nl.eentegeneenzaamheid", "Exception", "\n", "\tat "));
    }

    @Test
    void retryingAfterTheCauseIsFixedEmptiesTheQueueAndKeepsTheAggregatesOrder() {
        append("a", 0, new Recorded("a", "first"));
        append("a", 1, new Broken("a"));
        append("a", 2, new Recorded("a", "behind"));
        append("c", 0, new Flaky("c"));
        long notJson = append("e", 0, new Recorded("e", "damaged"));
        tamper(notJson, Recorded.class.getName(), "{not json");
        start();
        awaitHead();
        assertThat(admin().list(GROUP, 100).count()).isEqualTo(4);

        // Failing only the first time: a retry is enough.
        assertThat(admin().retry(GROUP, "c").orElseThrow())
                .isEqualTo(new RetryOutcome(GROUP, 1, 1, 1, 0));

        // Still broken: the retry fails again and says so; later events stay behind.
        assertThat(admin().retry(GROUP, "a").orElseThrow())
                .isEqualTo(new RetryOutcome(GROUP, 1, 0, 0, 2));
        ParkedEvent retried = parkedByAggregate().get("a").get(0);
        assertThat(retried.retries()).isEqualTo(1);
        assertThat(retried.lastRetriedAt()).isAfterOrEqualTo(retried.parkedAt());

        // A later event of the parked aggregate, arriving now, joins the queue behind it.
        append("a", 3, new Recorded("a", "later"));
        append("b", 0, new Recorded("b", "flows"));
        awaitHead();
        assertThat(parkedByAggregate().get("a")).hasSize(3);

        projection.broken = false;
        RetryOutcome all = admin().retry(GROUP, null).orElseThrow();
        assertThat(all).isEqualTo(new RetryOutcome(GROUP, 2, 1, 3, 1));
        assertThat(projection.handled).containsExactly("a:0", "c:0", "b:0", "a:1", "a:2", "a:3");

        // A payload that cannot be read never will be: the team evicts it.
        String eventId = parkedByAggregate().get("e").get(0).eventId();
        assertThat(admin().evict(GROUP, eventId).orElseThrow().reason()).isEqualTo("UNREADABLE_PAYLOAD");
        assertThat(admin().list(GROUP, 100).count()).isZero();
        assertThat(database.getCollection(MongoDeadLetterQueue.SEQUENCES).countDocuments()).isZero();
        assertThat(database.getCollection(MongoDeadLetterQueue.LETTERS).countDocuments()).isZero();

        // With the queue empty, the aggregate's new events are handled straight away again.
        append("a", 4, new Recorded("a", "normal again"));
        awaitHead();
        assertThat(projection.handled).endsWith("a:4");
        assertThat(admin().evict(GROUP, eventId)).isEmpty();
        assertThat(admin().retry("elsewhere", null)).isEmpty();
    }

    @Test
    void theQueueOutlivesARestartAndTheProcessorDoesNotHandleEventsTwice() {
        append("a", 0, new Broken("a"));
        append("a", 1, new Recorded("a", "behind"));
        append("b", 0, new Recorded("b", "flows"));
        start();
        awaitHead();
        axon.shutdown();

        append("a", 2, new Recorded("a", "while down"));
        append("b", 1, new Recorded("b", "while down"));
        start();
        awaitHead();
        assertThat(projection.handled).containsExactly("b:0", "b:1");
        assertThat(parkedByAggregate().get("a")).extracting(ParkedEvent::sequence).containsExactly(0L, 1L, 2L);

        projection.broken = false;
        assertThat(admin().retry(GROUP, "a").orElseThrow().sequencesCleared()).isEqualTo(1);
        assertThat(projection.handled).containsExactly("b:0", "b:1", "a:0", "a:1", "a:2");
    }

    @Test
    void reasonsAreClassifiedFromTheCauseChain() {
        Function<Throwable, DeadLetters.Reason> classify = DeadLetters::classify;
        assertThat(classify.apply(new IllegalStateException("x"))).isEqualTo(DeadLetters.Reason.HANDLER_FAILED);
        assertThat(classify.apply(new RuntimeException(new com.mongodb.MongoException("down"))))
                .isEqualTo(DeadLetters.Reason.DATABASE_ERROR);
        assertThat(DeadLetters.describe(new IllegalArgumentException(
                "Cannot construct `nl.eentegeneenzaamheid.registry.Foo`\n at [Source: x]")))
                .isEqualTo("Cannot construct `Foo`");
    }
}

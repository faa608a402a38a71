package nl.eentegeneenzaamheid.registry.readmodel;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.eventstore.EmbeddedStore;
import nl.eentegeneenzaamheid.registry.eventstore.LogPosition;
import nl.eentegeneenzaamheid.registry.eventstore.MongoEventStorageEngine;
import nl.eentegeneenzaamheid.registry.eventstore.MongoTokenStore;
import nl.eentegeneenzaamheid.registry.eventstore.ProjectionProgress;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds read models from position 0 while the registry keeps serving. A second instance of each projection
 * ({@link ReadModel#writingTo}) writes shadow collections; this service reads the log on a thread of its own and
 * hands every event to that instance through Axon's {@link AnnotationEventHandlerAdapter}, so the same
 * {@code @EventHandler}s run as in the live processor. Then, by {@link Rebuild.Mode}:
 * <ul>
 *   <li>VERIFY compares the shadow with the live collections, document by document, and lists the differences;</li>
 *   <li>SWITCH stops the live processor, catches the shadow up to the head, makes the live collections equal to the
 *   shadow ones (writing only the documents that differ), moves the live processor's token to where the shadow
 *   stopped and starts it again.</li>
 * </ul>
 * The live collections are corrected document by document rather than replaced by a rename: mongo-java-server's H2
 * backend loses a renamed collection's documents at the next start (measured with 1.47.0), and a rename with
 * {@code dropTarget} leaves a moment without the collection. Policies are never fed: only {@link ReadModel}s are.
 *
 * <p>One rebuild runs at a time on a node; the shadow collections are shared by name, so rebuilds are started from
 * one node at a time.
 */
@Component
public class ReadModelRebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);
    /** How long a live projection may take to reach the position the shadow reached, before VERIFY gives up. */
    private static final Duration LIVE_CATCH_UP = Duration.ofSeconds(30);
    private static final Duration PROCESSOR_STOP = Duration.ofSeconds(30);
    /** VERIFY compares again when the log moved during a comparison that found differences. */
    private static final int COMPARISONS = 5;
    private static final int DIFFERENCES_SHOWN = 100;

    private final Map<String, ReadModel> readModels = new TreeMap<>();
    private final EventProcessingConfiguration processing;
    private final Configuration axon;
    private final MongoEventStorageEngine engine;
    private final ProjectionProgress progress;
    private final MongoTokenStore tokenStore;
    private final EmbeddedStore store;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Rebuild> running = new AtomicReference<>();
    private final Map<String, Rebuild> lastByGroup = new ConcurrentHashMap<>();

    ReadModelRebuilds(List<ReadModel> readModels, EventProcessingConfiguration processing, Configuration axon,
                      MongoEventStorageEngine engine, ProjectionProgress progress, MongoTokenStore tokenStore,
                      EmbeddedStore store, MongoTemplate mongo, Clock clock) {
        readModels.forEach(model -> {
            ProcessingGroup group = AnnotationUtils.findAnnotation(AopUtils.getTargetClass(model),
                                                                   ProcessingGroup.class);
            if (group == null) {
                throw new IllegalStateException(model.getClass() + " is a ReadModel without a @ProcessingGroup");
            }
            this.readModels.put(group.value(), model);
        });
        this.processing = processing;
        this.axon = axon;
        this.engine = engine;
        this.progress = progress;
        this.tokenStore = tokenStore;
        this.store = store;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** The processing groups whose read models can be rebuilt, by name. */
    public Set<String> processingGroups() {
        return readModels.keySet();
    }

    public List<String> collections(String processingGroup) {
        return readModel(processingGroup).collections();
    }

    /** The rebuild running now that includes the group, else the last one since this node started. */
    public Optional<Rebuild> lastRebuild(String processingGroup) {
        return Optional.ofNullable(lastByGroup.get(processingGroup));
    }

    public Optional<Rebuild> rebuild(String id) {
        return lastByGroup.values().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** Starts rebuilding the given read models (all of them when empty) and returns at once. */
    public Rebuild start(List<String> processingGroups, Rebuild.Mode mode) {
        List<String> groups = processingGroups.isEmpty() ? List.copyOf(readModels.keySet())
                : List.copyOf(new LinkedHashSet<>(processingGroups));
        groups.forEach(this::readModel);
        Rebuild rebuild = new Rebuild(groups, mode, clock);
        if (!running.compareAndSet(null, rebuild)) {
            Rebuild other = running.get();
            throw RegistryException.conflict("A rebuild of " + (other == null ? "read models" : String.join(", ",
                    other.processingGroups()) + " (id " + other.id() + ")") + " is running; follow it in "
                    + "readModels and start this one when it has finished");
        }
        groups.forEach(group -> lastByGroup.put(group, rebuild));
        try {
            runner.execute(() -> run(rebuild, mode));
        } catch (RuntimeException e) {
            running.set(null);
            rebuild.fail("Could not start: " + e.getMessage());
        }
        return rebuild;
    }

    private ReadModel readModel(String processingGroup) {
        ReadModel model = readModels.get(processingGroup);
        if (model == null) {
            throw RegistryException.notFound("No read model of processing group \"" + processingGroup
                                             + "\"; the read models are " + String.join(", ", readModels.keySet()));
        }
        return model;
    }

    private void run(Rebuild rebuild, Rebuild.Mode mode) {
        Map<String, ReadModel> shadows = new LinkedHashMap<>();
        rebuild.processingGroups().forEach(g -> shadows.put(g, readModels.get(g).writingTo(CollectionNames.SHADOW)));
        List<AnnotationEventHandlerAdapter> handlers = shadows.values().stream().map(this::adapter).toList();
        log.info("Rebuild {} of {} ({}) started", rebuild.id(), rebuild.processingGroups(), mode);
        String error = null;
        try {
            dropAll(shadows.values());
            rebuild.expect(head());
            TrackingToken reached = replay(rebuild, handlers, null);
            if (mode == Rebuild.Mode.VERIFY) {
                verify(rebuild, handlers, shadows, reached);
            } else {
                switchOver(rebuild, handlers, shadows, reached);
            }
        } catch (Exception e) {
            log.error("Rebuild {} of {} failed", rebuild.id(), rebuild.processingGroups(), e);
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            try {
                dropAll(shadows.values());
            } finally {
                running.set(null);
                // Waiters hear the outcome only once the next rebuild may start: a verification asked right after
                // the previous one returned would otherwise meet it still dropping its shadow collections.
                if (error == null) {
                    rebuild.succeed();
                } else {
                    rebuild.fail(error);
                }
            }
            var done = rebuild.progress();
            log.info("Rebuild {} of {} ({}) {}: {} events, {} per second, {} documents differing{}", rebuild.id(),
                     rebuild.processingGroups(), mode, done.state(), (long) done.eventsDone(),
                     done.eventsPerSecond(), (long) done.documentsDiffering(),
                     done.consistent() == null ? "" : done.consistent() ? ", consistent" : ", NOT consistent");
        }
    }

    /**
     * Drops the shadow collections (also those a failed rebuild left). Only those that exist: the embedded server
     * logs an error for every drop of a missing collection, which a {@code @ResetHandler} would cause.
     */
    private void dropAll(Collection<ReadModel> shadows) {
        shadows.stream().flatMap(shadow -> shadow.collections().stream())
               .filter(mongo::collectionExists)
               .forEach(mongo::dropCollection);
    }

    private AnnotationEventHandlerAdapter adapter(ReadModel shadow) {
        return new AnnotationEventHandlerAdapter(shadow, axon.parameterResolverFactory(),
                                                 axon.handlerDefinition(shadow.getClass()));
    }

    /** Hands the log after {@code from} (the start when null), up to its current end, to the shadow handlers. */
    private TrackingToken replay(Rebuild rebuild, List<AnnotationEventHandlerAdapter> handlers, TrackingToken from)
            throws Exception {
        TrackingToken last = from;
        long nextLog = System.nanoTime() + LOG_EVERY.toNanos();
        try (Stream<? extends TrackedEventMessage<?>> events = engine.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                for (AnnotationEventHandlerAdapter handler : handlers) {
                    handle(handler, event);
                }
                last = event.trackingToken();
                rebuild.handled();
                if (System.nanoTime() > nextLog) {
                    nextLog = System.nanoTime() + LOG_EVERY.toNanos();
                    var now = rebuild.progress();
                    log.info("Rebuild {} of {}: {} of {} events, {} per second", rebuild.id(),
                             rebuild.processingGroups(), (long) now.eventsDone(), (long) now.eventsTotal(),
                             now.eventsPerSecond());
                }
            }
        }
        return last;
    }

    /** As a processor does: in a unit of work, so that handlers see the same context as in the live processor. */
    private static void handle(AnnotationEventHandlerAdapter handler, TrackedEventMessage<?> event) throws Exception {
        if (!handler.canHandle(event)) {
            return;
        }
        var result = DefaultUnitOfWork.startAndGet(event).executeWithResult(() -> handler.handle(event));
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof Exception e ? e : new IllegalStateException(failure);
        }
    }

    /**
     * Compares once both models have seen the same events. The live projections keep running, so a comparison that
     * finds differences while the log moved on is made again: a real difference stays, a passing one does not.
     */
    private void verify(Rebuild rebuild, List<AnnotationEventHandlerAdapter> handlers,
                        Map<String, ReadModel> shadows, TrackingToken reached) throws Exception {
        for (int attempt = 1; ; attempt++) {
            reached = replay(rebuild, handlers, reached);
            long position = positionOf(reached);
            awaitLive(rebuild.processingGroups(), position);
            List<String> differences = new ArrayList<>();
            long differing = compare(shadows, differences, false);
            boolean logMoved = head() > position;
            if (differing == 0 || !logMoved || attempt == COMPARISONS) {
                if (differing > 0 && logMoved) {
                    differences.add(0, "The log kept moving during " + COMPARISONS + " comparisons: some of these "
                                       + "differences may be events the live read models had handled and the "
                                       + "rebuild had not, or the other way round");
                }
                rebuild.compared(differing == 0, differences, differing);
                return;
            }
        }
    }

    private void awaitLive(List<String> groups, long position) throws InterruptedException {
        long deadline = System.nanoTime() + LIVE_CATCH_UP.toNanos();
        for (String group : groups) {
            String name = processor(group).getName();
            while (progress.positions().getOrDefault(name, -1L) < position) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The live read model " + group + " did not reach position "
                                                    + position + " within " + LIVE_CATCH_UP.toSeconds() + " s (it"
                                                    + " is at " + progress.positions().get(name) + "); see the "
                                                    + "logs of its processor and the readiness health check");
                }
                Thread.sleep(10);
            }
        }
    }

    /**
     * Stops the live processors, holding their tokens so that no other node takes them over, brings the shadow to
     * the head, writes into the live collections the documents that differ, and sets the live tokens to where the
     * shadow stopped. Queries keep reading the live collections throughout; while the documents are written, a
     * query may see some of them old and some new. Mutations wait (read your writes) until the processors run again.
     */
    private void switchOver(Rebuild rebuild, List<AnnotationEventHandlerAdapter> handlers,
                            Map<String, ReadModel> shadows, TrackingToken reached) throws Exception {
        List<StreamingEventProcessor> processors = rebuild.processingGroups().stream().map(this::processor).toList();
        Map<String, int[]> claimed = new LinkedHashMap<>();
        try {
            for (StreamingEventProcessor processor : processors) {
                processor.shutdownAsync().get(PROCESSOR_STOP.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (StreamingEventProcessor processor : processors) {
                int[] segments = tokenStore.fetchSegments(processor.getName());
                for (int segment : segments) {
                    tokenStore.fetchToken(processor.getName(), segment);
                }
                claimed.put(processor.getName(), segments);
            }
            reached = replay(rebuild, handlers, reached);
            List<String> corrected = new ArrayList<>();
            long written = compare(shadows, corrected, true);
            rebuild.compared(written == 0, corrected, written);
            if (written > 0) {
                tokenStore.countReadModelCorrection();
            }
            if (reached != null) {
                TrackingToken token = reached;
                claimed.forEach((name, segments) -> {
                    for (int segment : segments) {
                        tokenStore.storeToken(token, name, segment);
                    }
                });
            }
            store.sync();
        } finally {
            claimed.forEach((name, segments) -> {
                for (int segment : segments) {
                    tokenStore.releaseClaim(name, segment);
                }
            });
            processors.forEach(StreamingEventProcessor::start);
        }
    }

    /**
     * Compares every shadow collection with its live one by {@code _id} (order does not matter) and, when
     * {@code apply}, makes the live one equal to the shadow.
     *
     * @return how many live documents differ (were written, when applying)
     */
    private long compare(Map<String, ReadModel> shadows, List<String> differences, boolean apply) {
        long differing = 0;
        for (var entry : shadows.entrySet()) {
            List<String> liveNames = readModels.get(entry.getKey()).collections();
            List<String> shadowNames = entry.getValue().collections();
            for (int i = 0; i < liveNames.size(); i++) {
                differing += compare(liveNames.get(i), shadowNames.get(i), differences, apply);
            }
        }
        return differing;
    }

    private long compare(String liveName, String shadowName, List<String> differences, boolean apply) {
        MongoCollection<Document> live = mongo.getCollection(liveName);
        Map<Object, Document> rebuilt = new LinkedHashMap<>();
        mongo.getCollection(shadowName).find().forEach(doc -> rebuilt.put(doc.get("_id"), doc));
        long differing = 0;
        // Read before writing: the embedded server's cursors do not promise a stable view while documents change.
        for (Document current : live.find().into(new ArrayList<>())) {
            Object id = current.get("_id");
            Document expected = rebuilt.remove(id);
            if (expected == null) {
                note(differences, liveName + " " + id + ": not in the rebuilt read model");
                if (apply) {
                    live.deleteOne(eq("_id", id));
                }
                differing++;
            } else if (!expected.equals(current)) {
                note(differences, liveName + " " + id + ": " + fieldsThatDiffer(current, expected));
                if (apply) {
                    live.replaceOne(eq("_id", id), expected);
                }
                differing++;
            }
        }
        for (Document missing : rebuilt.values()) {
            note(differences, liveName + " " + missing.get("_id") + ": missing from the live read model");
            if (apply) {
                live.insertOne(missing);
            }
            differing++;
        }
        return differing;
    }

    private static String fieldsThatDiffer(Document live, Document rebuilt) {
        Set<String> fields = new LinkedHashSet<>(live.keySet());
        fields.addAll(rebuilt.keySet());
        List<String> described = new ArrayList<>();
        for (String field : fields) {
            if (!Objects.equals(live.get(field), rebuilt.get(field))) {
                described.add(field + " is " + shorten(live.get(field)) + ", rebuilt " + shorten(rebuilt.get(field)));
            }
        }
        return String.join("; ", described);
    }

    private static String shorten(Object value) {
        String text = value instanceof Document doc ? doc.toJson() : String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    private static void note(List<String> differences, String difference) {
        if (differences.size() < DIFFERENCES_SHOWN) {
            differences.add(difference);
        } else if (differences.size() == DIFFERENCES_SHOWN) {
            differences.add("... (only the first " + DIFFERENCES_SHOWN + " are listed)");
        }
    }

    private StreamingEventProcessor processor(String processingGroup) {
        return processing.eventProcessorByProcessingGroup(processingGroup, StreamingEventProcessor.class)
                         .orElseThrow(() -> new IllegalStateException(
                                 "Processing group " + processingGroup + " has no streaming processor"));
    }

    /** The live projection's position: the last event it handled, {@code -1} while it is not running. */
    public long position(String processingGroup) {
        return progress.positions().getOrDefault(processor(processingGroup).getName(), -1L);
    }

    public long head() {
        return ((LogPosition) engine.createHeadToken()).index();
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    @Override
    public void destroy() {
        runner.shutdownNow();
    }
}

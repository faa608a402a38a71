package nl.eentegeneenzaamheid.registry.common;

import static com.mongodb.client.model.Filters.eq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import com.mongodb.client.model.Filters;
import nl.eentegeneenzaamheid.registry.eventstore.MongoEventStorageEngine;
import nl.eentegeneenzaamheid.registry.eventstore.ProjectionProgress;
import nl.eentegeneenzaamheid.registry.eventstore.StoreProperties;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a command on behalf of an actor and waits, bounded, until the read models have seen its events, so that a
 * mutation answers from its own write. A {@code requestId} makes a retry harmless: the ledger remembers, per actor,
 * which operation and arguments it stood for and what the first attempt returned.
 */
@Component
public class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);
    static final String REQUESTS = "requests";
    private static final long COMMAND_TIMEOUT_SECONDS = 30;
    /** After this, an unfinished request whose events are not in the log has certainly failed. */
    static final Duration STALE_AFTER = Duration.ofSeconds(COMMAND_TIMEOUT_SECONDS + 15);

    private final CommandGateway gateway;
    private final ProjectionProgress progress;
    private final StoreProperties properties;
    private final MongoCollection<Document> requests;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final MongoEventStorageEngine engine;
    private final AnnotationCommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    /** This process, as the owner of the requests it is working on. */
    private final String node = UUID.randomUUID().toString();

    Commands(CommandGateway gateway, ProjectionProgress progress, StoreProperties properties, MongoTemplate mongo,
             ObjectMapper mapper, Clock clock, MongoEventStorageEngine engine) {
        this.engine = engine;
        this.gateway = gateway;
        this.progress = progress;
        this.properties = properties;
        this.requests = mongo.getCollection(REQUESTS);
        // Sorted keys at every level: the fingerprint must not depend on a map's iteration order, which for
        // Map.of differs from one JVM run to the next.
        this.mapper = mapper.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        this.clock = clock;
    }

    /**
     * Sends the command built by {@code command} unless this actor already sent this {@code requestId}.
     *
     * @param operation the GraphQL operation, part of what a requestId stands for
     * @param arguments the operation's arguments, likewise
     * @return the command's result (an aggregate's id for a creating command), or the first attempt's result
     */
    public String send(Actor actor, String requestId, String operation, Map<String, ?> arguments,
                       Supplier<Object> command) {
        return send(actor, requestId, operation, arguments, Map.of(), command);
    }

    /**
     * As {@link #send(Actor, String, String, Map, Supplier)}, with further metadata on the command's events (an
     * import's {@code source} and {@code sourceDate}); it is not part of what the requestId stands for.
     */
    public String send(Actor actor, String requestId, String operation, Map<String, ?> arguments,
                       Map<String, String> extraMetaData, Supplier<Object> command) {
        return send(actor, requestId, operation, arguments, extraMetaData, command, true);
    }

    /**
     * As {@link #send(Actor, String, String, Map, Map, Supplier)}, but answers once the command is recorded, without
     * waiting for the read models: for a batch of commands (an import) whose later commands do not read the earlier
     * ones' effects from the read models; its sender waits once, at the end ({@link #awaitReadModels}).
     */
    public String sendWithoutWaiting(Actor actor, String requestId, String operation, Map<String, ?> arguments,
                                     Map<String, String> extraMetaData, Supplier<Object> command) {
        return send(actor, requestId, operation, arguments, extraMetaData, command, false);
    }

    /**
     * Waits, at most {@code timeout}, until the read models have everything in the log now, and what policies
     * append in reaction to it.
     *
     * @return whether they got there in time
     */
    public boolean awaitReadModels(Duration timeout) {
        return progress.awaitOwnWrites(timeout);
    }

    private String send(Actor actor, String requestId, String operation, Map<String, ?> arguments,
                        Map<String, String> extraMetaData, Supplier<Object> command, boolean await) {
        if (requestId == null) {
            return dispatch(actor, null, extraMetaData, command.get(), await);
        }
        if (requestId.isBlank() || requestId.length() > 200) {
            throw RegistryException.validation("requestId must be 1 to 200 characters");
        }
        String key = actor.id() + "\u0000" + requestId;
        String fingerprint = fingerprint(operation, arguments);
        Object built = command.get();
        String target = targets.resolveTarget(GenericCommandMessage.asCommandMessage(built)).getIdentifier();
        try {
            requests.insertOne(new Document("_id", key).append("fingerprint", fingerprint)
                                                       .append("operation", operation)
                                                       .append("aggregateId", target)
                                                       .append("status", "PENDING")
                                                       .append("owner", node)
                                                       .append("at", clock.millis()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return settle(actor, key, requestId, fingerprint, extraMetaData, built, await);
        }
        return dispatchOnce(actor, key, requestId, extraMetaData, built, await);
    }

    /**
     * As {@link #send}, but waits out an earlier attempt of the same request that is still unsettled (for the
     * registry's own start-up work, which runs again after a stop in the middle of it).
     */
    public String sendWhenSettled(Actor actor, String requestId, String operation, Map<String, ?> arguments,
                                  Supplier<Object> command) {
        long deadline = System.nanoTime() + STALE_AFTER.multipliedBy(2).toNanos();
        while (true) {
            try {
                return send(actor, requestId, operation, arguments, command);
            } catch (RegistryException e) {
                if (!e.retryable() || System.nanoTime() > deadline) {
                    throw e;
                }
                log.info("Waiting for an earlier attempt of {} to settle: {}", requestId, e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private String dispatchOnce(Actor actor, String key, String requestId, Map<String, String> extraMetaData,
                                Object command, boolean await) {
        try {
            String result = dispatch(actor, requestId, extraMetaData, command, await);
            requests.updateOne(eq("_id", key), Updates.combine(Updates.set("status", "DONE"),
                                                              Updates.set("result", result)));
            return result;
        } catch (RuntimeException e) {
            // Nothing was recorded, so the same requestId may be tried again.
            requests.deleteOne(eq("_id", key));
            throw e;
        }
    }

    /**
     * The requestId was seen before: answer as the first time, or, when that attempt's outcome was never written
     * down (its process stopped between the commit and the ledger), find out from the log whether it was recorded.
     */
    private String settle(Actor actor, String key, String requestId, String fingerprint,
                          Map<String, String> extraMetaData, Object command, boolean await) {
        Document earlier = requests.find(eq("_id", key)).first();
        if (earlier == null) {
            throw RegistryException.retryLater("Request " + requestId + " failed meanwhile; send it again.");
        }
        if (!fingerprint.equals(earlier.getString("fingerprint"))) {
            throw RegistryException.conflict("requestId " + requestId + " was already used for another operation ("
                                             + earlier.getString("operation")
                                             + ") or other arguments; use a new requestId.");
        }
        if ("DONE".equals(earlier.getString("status"))) {
            return earlier.getString("result");
        }
        String target = earlier.getString("aggregateId");
        if (node.equals(earlier.getString("owner"))) {
            throw RegistryException.retryLater("Request " + requestId + " is still being processed; retry shortly.");
        }
        if (engine.holdsRequest(target, actor.id(), requestId)) {
            requests.updateOne(eq("_id", key), Updates.combine(Updates.set("status", "DONE"),
                                                              Updates.set("result", target)));
            return target;
        }
        // Not in the log: either another node is still at it, or the attempt died before its commit. A command
        // commits within its timeout, so once that has passed the request is free to be tried again.
        long staleAt = earlier.getLong("at") + STALE_AFTER.toMillis();
        if (clock.millis() < staleAt) {
            throw RegistryException.retryLater("Request " + requestId + " is still being processed; retry in "
                                             + Math.max(1, (staleAt - clock.millis()) / 1000) + " s.");
        }
        var takeOver = requests.updateOne(
                Filters.and(eq("_id", key), eq("owner", earlier.getString("owner")), eq("at", earlier.getLong("at"))),
                Updates.combine(Updates.set("owner", node), Updates.set("at", clock.millis())));
        if (takeOver.getModifiedCount() == 0) {
            throw RegistryException.retryLater("Request " + requestId + " is being retried elsewhere; retry shortly.");
        }
        return dispatchOnce(actor, key, requestId, extraMetaData, command, await);
    }

    private String dispatch(Actor actor, String requestId, Map<String, String> extraMetaData, Object command,
                            boolean await) {
        MetaData metaData = MetaData.from(extraMetaData).and("actor", actor.id()).and("role", actor.role());
        if (requestId != null) {
            metaData = metaData.and("requestId", requestId);
        }
        Object result;
        try {
            result = gateway.sendAndWait(command, metaData, COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            RegistryException refusal = GraphQlErrors.toRefusal(e);
            throw refusal != null ? refusal : e;
        }
        if (await && !progress.awaitOwnWrites(properties.projectionWait())) {
            log.warn("Read models did not catch up within {} after {}", properties.projectionWait(),
                     command.getClass().getSimpleName());
        }
        return result == null ? null : result.toString();
    }

    String fingerprint(String operation, Map<String, ?> arguments) {
        try {
            byte[] json = mapper.writeValueAsBytes(Map.of("operation", operation, "arguments", arguments));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint request", e);
        }
    }

    /**
     * Whoever causes a change: the registry itself, or the access token a request came with ({@code id} is the
     * token's id, never a person's name, so the log holds no personal data). {@code organisationId} is the
     * organisation a PARTNER acts for.
     */
    public record Actor(String id, String role, String organisationId) {
        public static final Actor SYSTEM = new Actor("system", "SYSTEM", null);
    }
}

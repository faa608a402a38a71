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
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import nl.eentegeneenzaamheid.registry.eventstore.ProjectionProgress;
import nl.eentegeneenzaamheid.registry.eventstore.StoreProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
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

    private final CommandGateway gateway;
    private final ProjectionProgress progress;
    private final StoreProperties properties;
    private final MongoCollection<Document> requests;
    private final ObjectMapper mapper;
    private final Clock clock;

    Commands(CommandGateway gateway, ProjectionProgress progress, StoreProperties properties, MongoTemplate mongo,
             ObjectMapper mapper, Clock clock) {
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
        if (requestId == null) {
            return dispatch(actor, null, command.get());
        }
        if (requestId.isBlank() || requestId.length() > 200) {
            throw RegistryException.validation("requestId must be 1 to 200 characters");
        }
        String key = actor.id() + "\u0000" + requestId;
        String fingerprint = fingerprint(operation, arguments);
        try {
            requests.insertOne(new Document("_id", key).append("fingerprint", fingerprint)
                                                       .append("operation", operation)
                                                       .append("status", "PENDING")
                                                       .append("at", clock.instant().toString()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return replay(key, requestId, fingerprint);
        }
        try {
            String result = dispatch(actor, requestId, command.get());
            requests.updateOne(eq("_id", key), Updates.combine(Updates.set("status", "DONE"),
                                                              Updates.set("result", result)));
            return result;
        } catch (RuntimeException e) {
            // Nothing was recorded, so the same requestId may be tried again.
            requests.deleteOne(eq("_id", key));
            throw e;
        }
    }

    private String replay(String key, String requestId, String fingerprint) {
        Document earlier = requests.find(eq("_id", key)).first();
        if (earlier == null) {
            throw RegistryException.conflict("Request " + requestId + " failed meanwhile; send it again.");
        }
        if (!fingerprint.equals(earlier.getString("fingerprint"))) {
            throw RegistryException.conflict("requestId " + requestId + " was already used for another operation ("
                                             + earlier.getString("operation")
                                             + ") or other arguments; use a new requestId.");
        }
        if (!"DONE".equals(earlier.getString("status"))) {
            throw RegistryException.conflict("Request " + requestId + " is still being processed; retry shortly.");
        }
        return earlier.getString("result");
    }

    private String dispatch(Actor actor, String requestId, Object command) {
        MetaData metaData = MetaData.with("actor", actor.id()).and("role", actor.role());
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
        if (!progress.awaitOwnWrites(properties.projectionWait())) {
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

    /** Whoever causes a change: for now the system itself or an anonymous API caller; access control names them. */
    public record Actor(String id, String role) {
        public static final Actor SYSTEM = new Actor("system", "SYSTEM");
        public static final Actor API = new Actor("anonymous", "PROGRAMME_TEAM");
    }
}

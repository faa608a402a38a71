package nl.eentegeneenzaamheid.registry.eventstore;

import com.fasterxml.jackson.core.JacksonException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.UnknownSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * Parking instead of blocking: an event that a projection cannot handle goes to its group's dead-letter queue
 * ({@link MongoDeadLetterQueue}) with the reason, later events of the same aggregate are parked behind it, and the
 * processor goes on with the other aggregates.
 */
final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    static final int MAX_SEQUENCES = 10_000;
    static final int MAX_SEQUENCE_SIZE = 10_000;
    private static final Duration CLAIM = Duration.ofSeconds(60);
    private static final int MAX_MESSAGE = 500;
    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b(?:[a-z_$][\\w$]*\\.)+([A-Z][\\w$]*)");

    /** Why an event was parked, as the programme team sees it; stored as the cause's type. */
    enum Reason { HANDLER_FAILED, UNREADABLE_PAYLOAD, UNKNOWN_EVENT_TYPE, DATABASE_ERROR }

    private DeadLetters() {
    }

    /**
     * Gives each of {@code groups} a dead-letter queue in MongoDB, the reason-giving enqueue policy, and a handler
     * that parks events whose type no class matches any more (left alone, a projection would skip them silently).
     */
    static void park(EventProcessingConfigurer processing, Collection<String> groups,
                     Function<Configuration, com.mongodb.client.MongoDatabase> database) {
        processing.registerDefaultDeadLetterPolicy(c -> DeadLetters::decide);
        for (String group : groups) {
            processing.registerDeadLetterQueue(group, c -> new MongoDeadLetterQueue(
                              group, database.apply(c), c.eventSerializer(), c.serializer(), MAX_SEQUENCES,
                              MAX_SEQUENCE_SIZE, CLAIM))
                      // Spares a MongoDB lookup per event while the queue is empty.
                      .registerDeadLetteringEventHandlerInvokerConfiguration(
                              group, (c, invoker) -> invoker.enableSequenceIdentifierCache())
                      .registerEventHandler(c -> new UnknownEventTypes(group))
                      .assignHandlerInstancesMatching(
                              group, handler -> handler instanceof UnknownEventTypes u && u.group.equals(group));
        }
    }

    static EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        EventMessage<?> message = letter.message();
        Reason reason = classify(cause);
        String text = switch (reason) {
            case UNKNOWN_EVENT_TYPE -> "No class matches the stored event type " + simpleName(
                    unknownType(cause)) + " any more: restore it or add an upcaster, then retry";
            case UNREADABLE_PAYLOAD -> "The stored payload cannot be read as " + simpleName(
                    message.getPayloadType().getName()) + ": " + describe(deepest(cause));
            case DATABASE_ERROR -> "The read model's database refused the update: " + describe(database(cause));
            case HANDLER_FAILED -> describe(cause);
        };
        log.warn("Parking event {} ({}): {}", message.getIdentifier(), reason, text, cause);
        return Decisions.enqueue(new ThrowableCause(reason.name(), text));
    }

    static Reason classify(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownEventType) {
                return Reason.UNKNOWN_EVENT_TYPE;
            }
            if (t instanceof SerializationException || t instanceof JacksonException) {
                return Reason.UNREADABLE_PAYLOAD;
            }
            if (t instanceof MongoException || t instanceof DataAccessException) {
                return Reason.DATABASE_ERROR;
            }
        }
        return Reason.HANDLER_FAILED;
    }

    private static String unknownType(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof UnknownEventType u) {
                return u.type;
            }
        }
        return "?";
    }

    private static Throwable deepest(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static Throwable database(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof MongoException) {
                return t;
            }
        }
        return cause;
    }

    /** The first line of the message, with packages left out: no stack traces or internals leave the registry. */
    static String describe(Throwable t) {
        String text = t instanceof MongoWriteException w ? w.getError().getMessage() : t.getMessage();
        if (text == null || text.isBlank()) {
            return "failed without a message (see the log)";
        }
        text = QUALIFIED_NAME.matcher(text.lines().findFirst().orElse("").strip()).replaceAll("$1");
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }

    /** The type's own name, also for a nested class. */
    static String simpleName(String type) {
        return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
    }

    /** Raised for a stored event whose type names no class. */
    static final class UnknownEventType extends RuntimeException {

        private final String type;

        UnknownEventType(String type) {
            super("No class for stored event type " + type);
            this.type = type;
        }
    }

    /** Turns an event of a type no class matches into a failure, so that it is parked rather than skipped. */
    static final class UnknownEventTypes {

        private final String group;

        UnknownEventTypes(String group) {
            this.group = group;
        }

        @EventHandler
        void on(UnknownSerializedType event) {
            throw new UnknownEventType(event.serializedType().getName());
        }
    }
}

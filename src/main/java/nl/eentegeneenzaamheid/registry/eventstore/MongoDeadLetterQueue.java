package nl.eentegeneenzaamheid.registry.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.DeadLetterQueueOverflowException;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.deadletter.WrongDeadLetterTypeException;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's sequenced dead-letter queue of one processing group, kept in MongoDB so that it survives restarts and is
 * shared by every node.
 *
 * <p>Two collections, every read a lookup by exact {@code _id} or a scan of the group's (few) sequences:
 * <ul>
 *   <li>{@code dead_letter_sequences}: one document per parked sequence (an aggregate),
 *       {@code _id = "<group>/<sequence>"}, holding the ids of its letters in order ({@code letters}) and the moment a
 *       retry claimed it ({@code claimedAt});</li>
 *   <li>{@code dead_letters}: one document per parked event, {@code _id = "<group>/<eventId>"}, holding the event
 *       exactly as the log serialised it, its global position, the reason and the retry bookkeeping.</li>
 * </ul>
 *
 * <p>Without transactions, writes are ordered so that a crash between two of them leaves nothing wrong: a letter is
 * written before its id is added to the sequence (an orphan letter is invisible, and handling the event again after
 * the restart adds it; the id makes that idempotent), and a letter's id leaves the sequence before the letter is
 * deleted. A sequence document is deleted only while its list is empty.
 */
final class MongoDeadLetterQueue implements SequencedDeadLetterQueue<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(MongoDeadLetterQueue.class);
    static final String SEQUENCES = "dead_letter_sequences";
    static final String LETTERS = "dead_letters";

    private final String group;
    private final MongoCollection<Document> sequences;
    private final MongoCollection<Document> letters;
    private final Serializer eventSerializer;
    private final Serializer serializer;
    private final int maxSequences;
    private final int maxSequenceSize;
    private final Duration claimDuration;

    MongoDeadLetterQueue(String group, MongoDatabase database, Serializer eventSerializer, Serializer serializer,
                         int maxSequences, int maxSequenceSize, Duration claimDuration) {
        this.group = group;
        this.sequences = database.getCollection(SEQUENCES);
        this.letters = database.getCollection(LETTERS);
        this.eventSerializer = eventSerializer;
        this.serializer = serializer;
        this.maxSequences = maxSequences;
        this.maxSequenceSize = maxSequenceSize;
        this.claimDuration = claimDuration;
    }

    String processingGroup() {
        return group;
    }

    /** A letter as read from MongoDB: Axon's letter plus where it is kept and what the team needs to see. */
    static final class MongoDeadLetter extends GenericDeadLetter<EventMessage<?>> {

        private final String id;
        private final String sequence;
        private final String storedType;
        private final Long position;
        private final int retries;

        MongoDeadLetter(String id, String sequence, EventMessage<?> message, String storedType, Cause cause,
                        Instant enqueuedAt, Instant lastTouched, MetaData diagnostics, Long position, int retries) {
            super(sequence, message, cause, enqueuedAt, lastTouched, diagnostics);
            this.id = id;
            this.sequence = sequence;
            this.storedType = storedType;
            this.position = position;
            this.retries = retries;
        }

        /** The payload type as stored, also when no class matches it. */
        String storedType() {
            return storedType;
        }

        String sequence() {
            return sequence;
        }

        /** Global position in the log, when the event came from it. */
        Long position() {
            return position;
        }

        int retries() {
            return retries;
        }

        String id() {
            return id;
        }
    }

    private String sequenceId(Object sequenceIdentifier) {
        return group + "/" + sequenceIdentifier;
    }

    private String letterId(String eventId) {
        return group + "/" + eventId;
    }

    @Override
    public void enqueue(Object sequenceIdentifier, DeadLetter<? extends EventMessage<?>> letter)
            throws DeadLetterQueueOverflowException {
        String sequence = String.valueOf(sequenceIdentifier);
        if (isFull(sequence)) {
            throw new DeadLetterQueueOverflowException(
                    "The dead-letter queue of " + group + " is full (at most " + maxSequences + " sequences of "
                    + maxSequenceSize + " events): event " + letter.message().getIdentifier() + " of sequence "
                    + sequence + " cannot be parked; the processor retries it until room is made");
        }
        String id = letterId(letter.message().getIdentifier());
        try {
            letters.insertOne(toDocument(id, sequence, letter));
        } catch (MongoWriteException e) {
            // Handled again after a restart before the processor stored its position: the letter is already there.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        sequences.updateOne(eq("_id", sequenceId(sequence)),
                            Updates.combine(Updates.setOnInsert("group", group),
                                            Updates.setOnInsert("sequence", sequence),
                                            Updates.addToSet("letters", id)),
                            new UpdateOptions().upsert(true));
        log.info("Parked event {} of sequence {} in {}: {}", letter.message().getIdentifier(), sequence, group,
                 letter.cause().map(Cause::type).orElse("behind an earlier event"));
    }

    private Document toDocument(String id, String sequence, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        SerializedObject<String> payload = message.serializePayload(eventSerializer, String.class);
        SerializedObject<String> metaData = message.serializeMetaData(eventSerializer, String.class);
        Document doc = new Document("_id", id).append("group", group).append("sequence", sequence)
                                              .append("eventId", message.getIdentifier())
                                              .append("timestamp", message.getTimestamp().toString())
                                              .append("payloadType", payload.getType().getName())
                                              .append("payloadRevision", payload.getType().getRevision())
                                              .append("payload", payload.getData())
                                              .append("metaData", metaData.getData());
        if (message instanceof DomainEventMessage<?> domain) {
            doc.append("aggregateType", domain.getType()).append("aggregateId", domain.getAggregateIdentifier())
               .append("seq", domain.getSequenceNumber());
        }
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            TrackingToken token = tracked.trackingToken();
            SerializedObject<String> serialized = serializer.serialize(token, String.class);
            doc.append("token", serialized.getData()).append("tokenType", serialized.getType().getName());
            token.position().ifPresent(p -> doc.append("position", p));
        }
        writeCause(doc, letter.cause().orElse(null));
        return doc.append("diagnostics", serializer.serialize(letter.diagnostics(), String.class).getData())
                  .append("parkedAt", Date.from(letter.enqueuedAt()))
                  .append("lastTouched", Date.from(letter.lastTouched()))
                  .append("retries", 0);
    }

    private static void writeCause(Document doc, Cause cause) {
        doc.append("reason", cause == null ? null : cause.type())
           .append("message", cause == null ? null : cause.message());
    }

    private MongoDeadLetter toLetter(Document doc) {
        SimpleSerializedObject<String> payload = new SimpleSerializedObject<>(
                doc.getString("payload"), String.class, doc.getString("payloadType"), doc.getString("payloadRevision"));
        SimpleSerializedObject<String> metaData = new SimpleSerializedObject<>(
                doc.getString("metaData"), String.class, MetaData.class.getName(), null);
        Message<?> serialized = new SerializedMessage<>(doc.getString("eventId"), payload, metaData, eventSerializer);
        Instant timestamp = Instant.parse(doc.getString("timestamp"));
        TrackingToken token = doc.getString("token") == null ? null : serializer.deserialize(
                new SimpleSerializedObject<>(doc.getString("token"), String.class, doc.getString("tokenType"), null));
        EventMessage<?> message;
        String aggregateId = doc.getString("aggregateId");
        if (aggregateId != null) {
            long seq = doc.getLong("seq");
            message = token == null
                    ? new GenericDomainEventMessage<>(doc.getString("aggregateType"), aggregateId, seq, serialized,
                                                      () -> timestamp)
                    : new GenericTrackedDomainEventMessage<>(token, doc.getString("aggregateType"), aggregateId, seq,
                                                             serialized, () -> timestamp);
        } else {
            message = token == null ? new GenericEventMessage<>(serialized, () -> timestamp)
                                    : new GenericTrackedEventMessage<>(token, serialized, () -> timestamp);
        }
        String reason = doc.getString("reason");
        Cause cause = reason == null ? null : new ThrowableCause(reason, doc.getString("message"));
        MetaData diagnostics = serializer.deserialize(new SimpleSerializedObject<>(
                doc.getString("diagnostics"), String.class, MetaData.class.getName(), null));
        return new MongoDeadLetter(doc.getString("_id"), doc.getString("sequence"), message,
                                   doc.getString("payloadType"), cause,
                                   doc.getDate("parkedAt").toInstant(), doc.getDate("lastTouched").toInstant(),
                                   diagnostics, doc.getLong("position"), doc.getInteger("retries", 0));
    }

    private static MongoDeadLetter mongoLetter(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof MongoDeadLetter mongo) {
            return mongo;
        }
        throw new WrongDeadLetterTypeException("Expected a letter read from this queue, got a "
                                               + letter.getClass().getSimpleName());
    }

    @Override
    public void evict(DeadLetter<? extends EventMessage<?>> letter) {
        MongoDeadLetter mongo = mongoLetter(letter);
        String sequenceId = sequenceId(mongo.sequence());
        sequences.updateOne(eq("_id", sequenceId), Updates.pull("letters", mongo.id()));
        letters.deleteOne(eq("_id", mongo.id()));
        // Only while empty: the processor may have parked a later event of this sequence in the meantime.
        sequences.deleteOne(and(eq("_id", sequenceId), Filters.size("letters", 0)));
    }

    @Override
    public void requeue(DeadLetter<? extends EventMessage<?>> letter,
                        UnaryOperator<DeadLetter<? extends EventMessage<?>>> letterUpdater)
            throws NoSuchDeadLetterException {
        MongoDeadLetter mongo = mongoLetter(letter);
        DeadLetter<? extends EventMessage<?>> updated = letterUpdater.apply(mongo).markTouched();
        Document set = new Document("lastTouched", Date.from(updated.lastTouched()))
                .append("diagnostics", serializer.serialize(updated.diagnostics(), String.class).getData());
        writeCause(set, updated.cause().orElse(null));
        long matched = letters.updateOne(eq("_id", mongo.id()),
                                         Updates.combine(new Document("$set", set), Updates.inc("retries", 1)))
                              .getMatchedCount();
        if (matched == 0) {
            throw new NoSuchDeadLetterException("Event " + mongo.message().getIdentifier()
                                                + " is no longer parked in " + group);
        }
    }

    @Override
    public boolean contains(Object sequenceIdentifier) {
        return sequences.find(eq("_id", sequenceId(sequenceIdentifier))).first() != null;
    }

    @Override
    public Iterable<DeadLetter<? extends EventMessage<?>>> deadLetterSequence(Object sequenceIdentifier) {
        Document sequence = sequences.find(eq("_id", sequenceId(sequenceIdentifier))).first();
        return sequence == null ? List.of() : List.copyOf(lettersOf(sequence));
    }

    /** The sequence's letters in order; ids without a letter (a crash during eviction) are left out. */
    private List<MongoDeadLetter> lettersOf(Document sequence) {
        List<String> ids = sequence.getList("letters", String.class);
        Map<String, Document> byId = new HashMap<>();
        letters.find(in("_id", ids)).forEach(doc -> byId.put(doc.getString("_id"), doc));
        List<MongoDeadLetter> result = new ArrayList<>();
        for (String id : ids) {
            Document doc = byId.get(id);
            if (doc != null) {
                result.add(toLetter(doc));
            }
        }
        return result;
    }

    private List<Document> sequenceDocuments() {
        // A scan, but of a small collection: it holds only the sequences that are parked.
        return sequences.find(eq("group", group)).into(new ArrayList<>());
    }

    /** Every parked sequence of this group with its letters, in order. */
    List<List<MongoDeadLetter>> sequencesWithLetters() {
        return sequenceDocuments().stream().map(this::lettersOf).filter(l -> !l.isEmpty()).toList();
    }

    /** The letter with this event id, if parked here. */
    MongoDeadLetter letter(String eventId) {
        Document doc = letters.find(eq("_id", letterId(eventId))).first();
        return doc == null ? null : toLetter(doc);
    }

    @Override
    public Iterable<Iterable<DeadLetter<? extends EventMessage<?>>>> deadLetters() {
        return sequencesWithLetters().stream()
                                     .<Iterable<DeadLetter<? extends EventMessage<?>>>>map(List::copyOf)
                                     .toList();
    }

    @Override
    public boolean isFull(Object sequenceIdentifier) {
        long inSequence = sequenceSize(sequenceIdentifier);
        return inSequence > 0 ? inSequence >= maxSequenceSize : amountOfSequences() >= maxSequences;
    }

    @Override
    public long size() {
        return sequenceDocuments().stream().mapToLong(d -> d.getList("letters", String.class).size()).sum();
    }

    @Override
    public long sequenceSize(Object sequenceIdentifier) {
        Document sequence = sequences.find(eq("_id", sequenceId(sequenceIdentifier))).first();
        return sequence == null ? 0 : sequence.getList("letters", String.class).size();
    }

    @Override
    public long amountOfSequences() {
        return sequences.countDocuments(eq("group", group));
    }

    /**
     * Retries the first claimable sequence whose first letter matches: its letters in order, each evicted when
     * handled, until one fails again (that one is requeued with the new cause and the rest stay behind it).
     *
     * @return whether a whole sequence was handled
     */
    @Override
    public boolean process(Predicate<DeadLetter<? extends EventMessage<?>>> sequenceFilter,
                           Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        for (Document sequence : sequenceDocuments()) {
            List<MongoDeadLetter> parked = lettersOf(sequence);
            if (parked.isEmpty()) {
                dropGhost(sequence);
            } else if (sequenceFilter.test(parked.get(0)) && claim(sequence.getString("_id"))) {
                try {
                    return processSequence(sequence.getString("_id"), parked.get(0), task);
                } finally {
                    sequences.updateOne(eq("_id", sequence.getString("_id")), Updates.unset("claimedAt"));
                }
            }
        }
        return false;
    }

    /**
     * A sequence whose letters are all gone (a crash between the two writes of an eviction) would otherwise park
     * every later event of its aggregate behind nothing.
     */
    private void dropGhost(Document sequence) {
        Bson id = eq("_id", sequence.getString("_id"));
        sequences.updateOne(id, Updates.pullAll("letters", sequence.getList("letters", String.class)));
        sequences.deleteOne(and(id, Filters.size("letters", 0)));
    }

    private boolean claim(String sequenceId) {
        Date now = Date.from(GenericDeadLetter.clock.instant());
        Date expired = Date.from(now.toInstant().minus(claimDuration));
        return sequences.updateOne(and(eq("_id", sequenceId), or(eq("claimedAt", null), lt("claimedAt", expired))),
                                   Updates.set("claimedAt", now)).getModifiedCount() > 0;
    }

    private boolean processSequence(String sequenceId,
                                    MongoDeadLetter first,
                                    Function<DeadLetter<? extends EventMessage<?>>, EnqueueDecision<EventMessage<?>>> task) {
        MongoDeadLetter current = first;
        while (current != null) {
            EnqueueDecision<EventMessage<?>> decision = task.apply(current);
            if (decision.shouldEnqueue()) {
                requeue(current, l -> decision.withDiagnostics(l).withCause(decision.enqueueCause().orElse(null)));
                return false;
            }
            evict(current);
            // Read again: the processor may have parked later events of this sequence meanwhile.
            Document sequence = sequences.find(eq("_id", sequenceId)).first();
            List<MongoDeadLetter> rest = sequence == null ? List.of() : lettersOf(sequence);
            current = rest.isEmpty() ? null : rest.get(0);
        }
        return true;
    }

    @Override
    public void clear() {
        sequences.deleteMany(eq("group", group));
        letters.deleteMany(eq("group", group));
    }
}

package nl.eentegeneenzaamheid.registry.eventstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.eventstore.MongoDeadLetterQueue.MongoDeadLetter;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Lists, retries and evicts parked events (see {@link DeadLetters}) for the programme team's API. */
@Component
public class DeadLetterAdmin {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAdmin.class);
    private final EventProcessingConfiguration processing;

    DeadLetterAdmin(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /**
     * One parked event. {@code reason} is one of {@link DeadLetters.Reason} or {@code BEHIND_EARLIER_EVENT};
     * {@code message} names no packages, exception classes or stack traces.
     */
    public record ParkedEvent(String processingGroup, String eventId, String eventType, String aggregateType,
                              String aggregateId, Long sequence, Long position, String reason, String message,
                              Instant parkedAt, Instant lastRetriedAt, int retries) {
    }

    /** {@code count} events in {@code sequences} aggregates; at most the requested number of them listed. */
    public record Parked(int count, int sequences, List<ParkedEvent> events) {
    }

    public record RetryOutcome(String processingGroup, int sequencesRetried, int sequencesCleared, int eventsHandled,
                               int eventsStillParked) {
    }

    /** The processing groups that park events, in name order. */
    public List<String> groups() {
        return queues().stream().map(MongoDeadLetterQueue::processingGroup).toList();
    }

    /** The parked events of one group, or of every group when {@code processingGroup} is null. */
    public Parked list(String processingGroup, int limit) {
        List<MongoDeadLetterQueue> queues = processingGroup == null ? queues()
                : queue(processingGroup).stream().toList();
        int count = 0;
        int sequences = 0;
        List<ParkedEvent> events = new ArrayList<>();
        for (MongoDeadLetterQueue queue : queues) {
            for (List<MongoDeadLetter> sequence : queue.sequencesWithLetters()) {
                sequences++;
                count += sequence.size();
                sequence.stream().limit(Math.max(0, limit - events.size()))
                        .forEach(letter -> events.add(view(queue.processingGroup(), letter)));
            }
        }
        return new Parked(count, sequences, events);
    }

    /**
     * Handles the parked events of one aggregate again, or of every aggregate of the group when {@code aggregateId}
     * is null: each in order until one fails again.
     *
     * @return empty when the group does not park or does not run on this node
     */
    public Optional<RetryOutcome> retry(String processingGroup, String aggregateId) {
        Optional<MongoDeadLetterQueue> found = queue(processingGroup);
        Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor =
                processing.sequencedDeadLetterProcessor(processingGroup);
        if (found.isEmpty() || processor.isEmpty()) {
            return Optional.empty();
        }
        MongoDeadLetterQueue queue = found.get();
        List<String> targets = aggregateId != null ? List.of(aggregateId)
                : queue.sequencesWithLetters().stream().map(s -> s.get(0).sequence()).toList();
        int retried = 0;
        int cleared = 0;
        int handled = 0;
        int still = 0;
        for (String sequence : targets) {
            long before = queue.sequenceSize(sequence);
            if (before == 0) {
                continue;
            }
            retried++;
            processor.get().process(letter -> ((MongoDeadLetter) letter).sequence().equals(sequence));
            long after = queue.sequenceSize(sequence);
            cleared += after == 0 ? 1 : 0;
            // Events parked behind meanwhile can make "after" larger than "before".
            handled += (int) Math.max(0, before - after);
            still += (int) after;
        }
        log.info("Retried {} parked sequence(s) of {}: {} cleared, {} event(s) handled, {} still parked", retried,
                 processingGroup, cleared, handled, still);
        return Optional.of(new RetryOutcome(processingGroup, retried, cleared, handled, still));
    }

    /**
     * Removes one parked event for good: its projection will never handle it.
     *
     * @return what was removed; empty when it was not parked in that group
     */
    public Optional<ParkedEvent> evict(String processingGroup, String eventId) {
        Optional<MongoDeadLetterQueue> queue = queue(processingGroup);
        MongoDeadLetter letter = queue.map(q -> q.letter(eventId)).orElse(null);
        if (letter == null) {
            return Optional.empty();
        }
        queue.get().evict(letter);
        log.warn("Evicted parked event {} from {}: the projection will not handle it", eventId, processingGroup);
        return Optional.of(view(processingGroup, letter));
    }

    private List<MongoDeadLetterQueue> queues() {
        return processing.eventProcessors().keySet().stream().sorted()
                         .flatMap(name -> processing.deadLetterQueue(name).stream())
                         .map(MongoDeadLetterQueue.class::cast).toList();
    }

    private Optional<MongoDeadLetterQueue> queue(String processingGroup) {
        return processing.deadLetterQueue(processingGroup).map(MongoDeadLetterQueue.class::cast);
    }

    private static ParkedEvent view(String group, MongoDeadLetter letter) {
        EventMessage<?> message = letter.message();
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        return new ParkedEvent(
                group, message.getIdentifier(), DeadLetters.simpleName(letter.storedType()),
                domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(), letter.position(),
                letter.cause().map(Cause::type).orElse("BEHIND_EARLIER_EVENT"),
                letter.cause().map(Cause::message).orElse("Waits for the earlier parked event of its aggregate"),
                letter.enqueuedAt(), letter.retries() == 0 ? null : letter.lastTouched(), letter.retries());
    }
}

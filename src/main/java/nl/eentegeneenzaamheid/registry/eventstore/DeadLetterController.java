package nl.eentegeneenzaamheid.registry.eventstore;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.eventstore.MongoDeadLetterQueue.MongoDeadLetter;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;

/** Lists, retries and evicts parked events (see {@link DeadLetters}). */
@Controller
class DeadLetterController {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);
    private final EventProcessingConfiguration processing;

    DeadLetterController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    record DeadLetterView(String processingGroup, String eventId, String eventType, String aggregateType,
                          String aggregateId, Double sequence, Double position, String reason, String message,
                          OffsetDateTime parkedAt, OffsetDateTime lastRetriedAt, int retries) {
    }

    record DeadLetterList(int count, int sequences, List<DeadLetterView> letters) {
    }

    record DeadLetterRetry(String processingGroup, int sequencesRetried, int sequencesCleared, int eventsHandled,
                           int eventsStillParked) {
    }

    @QueryMapping
    DeadLetterList deadLetters(@Argument String processingGroup, @Argument Integer first) {
        int limit = first == null ? 100 : first;
        if (limit < 0) {
            throw RegistryException.validation("first must be 0 or more, got " + limit);
        }
        List<MongoDeadLetterQueue> queues = processingGroup == null ? queues() : List.of(queue(processingGroup));
        int count = 0;
        int sequences = 0;
        List<DeadLetterView> letters = new ArrayList<>();
        for (MongoDeadLetterQueue queue : queues) {
            for (List<MongoDeadLetter> sequence : queue.sequencesWithLetters()) {
                sequences++;
                count += sequence.size();
                sequence.stream().limit(Math.max(0, limit - letters.size()))
                        .forEach(letter -> letters.add(view(queue.processingGroup(), letter)));
            }
        }
        return new DeadLetterList(count, sequences, letters);
    }

    @MutationMapping
    DeadLetterRetry retryDeadLetters(@Argument String processingGroup, @Argument String aggregateId) {
        MongoDeadLetterQueue queue = queue(processingGroup);
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.sequencedDeadLetterProcessor(processingGroup).orElseThrow(
                        () -> RegistryException.notFound("Processing group " + processingGroup
                                                         + " is not running on this node; retry on a node that runs it"));
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
            processor.process(letter -> ((MongoDeadLetter) letter).sequence().equals(sequence));
            long after = queue.sequenceSize(sequence);
            cleared += after == 0 ? 1 : 0;
            // Events parked behind meanwhile can make "after" larger than "before".
            handled += (int) Math.max(0, before - after);
            still += (int) after;
        }
        if (aggregateId != null && retried == 0) {
            throw RegistryException.notFound("No events of aggregate " + aggregateId + " are parked in "
                                             + processingGroup);
        }
        log.info("Retried {} parked sequence(s) of {}: {} cleared, {} event(s) handled, {} still parked", retried,
                 processingGroup, cleared, handled, still);
        return new DeadLetterRetry(processingGroup, retried, cleared, handled, still);
    }

    @MutationMapping
    DeadLetterView evictDeadLetter(@Argument String processingGroup, @Argument String eventId) {
        MongoDeadLetterQueue queue = queue(processingGroup);
        MongoDeadLetter letter = queue.letter(eventId);
        if (letter == null) {
            throw RegistryException.notFound("Event " + eventId + " is not parked in " + processingGroup
                                             + "; list them with deadLetters(processingGroup:)");
        }
        queue.evict(letter);
        log.warn("Evicted parked event {} from {}: the projection will not handle it", eventId, processingGroup);
        return view(processingGroup, letter);
    }

    private List<MongoDeadLetterQueue> queues() {
        return processing.eventProcessors().keySet().stream().sorted()
                         .flatMap(name -> processing.deadLetterQueue(name).stream())
                         .map(MongoDeadLetterQueue.class::cast).toList();
    }

    private MongoDeadLetterQueue queue(String processingGroup) {
        return processing.deadLetterQueue(processingGroup).map(MongoDeadLetterQueue.class::cast).orElseThrow(
                () -> RegistryException.notFound("Processing group " + processingGroup + " has no dead-letter queue; "
                                                 + "groups that have one: " + queues().stream()
                                                         .map(MongoDeadLetterQueue::processingGroup).toList()));
    }

    private static DeadLetterView view(String group, MongoDeadLetter letter) {
        EventMessage<?> message = letter.message();
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        return new DeadLetterView(
                group, message.getIdentifier(),
                DeadLetters.simpleName(letter.storedType()),
                domain == null ? null : domain.getType(), domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : (double) domain.getSequenceNumber(),
                letter.position() == null ? null : letter.position().doubleValue(),
                letter.cause().map(Cause::type).orElse("BEHIND_EARLIER_EVENT"),
                letter.cause().map(Cause::message).orElse("Waits for the earlier parked event of its aggregate"),
                utc(letter.enqueuedAt()), letter.retries() == 0 ? null : utc(letter.lastTouched()), letter.retries());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

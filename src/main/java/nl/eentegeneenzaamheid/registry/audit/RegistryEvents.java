package nl.eentegeneenzaamheid.registry.audit;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import nl.eentegeneenzaamheid.registry.common.ErrorCode;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The {@code registryEvents} subscription: each subscriber reads the log itself, from its own position, as the
 * tracking processors do (lookups by exact {@code _id}), so writers never wait for a subscriber and subscribers do
 * not share a buffer. Reading is driven by demand: the next batch is read only when the client's transport has asked
 * for more, so a slow client holds at most one batch plus the transport's small send queue, never a growing backlog;
 * it simply falls behind the head and catches up later (or is disconnected by the container when a send blocks past
 * its timeout). At the head, a subscriber looks for new commits every {@code registry.audit.poll-interval}. About
 * once a second it checks that its token still counts, and ends with UNAUTHENTICATED once it is revoked or expired.
 */
@Component
class RegistryEvents {

    private static final int BATCH = 100;
    /** How often a running subscription checks that its token still counts (a lookup by exact key). */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final AuditLog log;
    private final Duration pollInterval;

    RegistryEvents(AuditLog log, @Value("${registry.audit.poll-interval:250ms}") Duration pollInterval) {
        this.log = log;
        this.pollInterval = pollInterval;
    }

    /**
     * The events after position {@code after} of the given aggregate types (all when empty), in log order: those
     * already in the log first, then each new one once, as it is recorded.
     */
    Flux<AuditEntry> after(long after, Set<String> aggregateTypes, BooleanSupplier stillAllowed) {
        long startAt = log.commitHolding(after);
        return Flux.defer(() -> {
            AtomicLong seen = new AtomicLong(after);
            AtomicLong commit = new AtomicLong(startAt);
            AtomicLong checked = new AtomicLong(System.nanoTime());
            return Mono.fromCallable(() -> {
                           if (System.nanoTime() - checked.get() > RECHECK.toNanos()) {
                               checked.set(System.nanoTime());
                               if (!stillAllowed.getAsBoolean()) {
                                   throw new RegistryException(ErrorCode.UNAUTHENTICATED, "The token of this "
                                           + "subscription was revoked or has expired; subscribe again with a valid "
                                           + "token and after: the last globalIndex received");
                               }
                           }
                           return log.readFrom(commit.get(), seen.get(), BATCH);
                       })
                       .subscribeOn(Schedulers.boundedElastic())
                       .flatMapMany(batch -> {
                           if (batch.events().isEmpty()) {
                               return Mono.delay(pollInterval).thenMany(Flux.<AuditEntry>empty());
                           }
                           commit.set(batch.nextCommit());
                           seen.set(batch.events().get(batch.events().size() - 1).position());
                           return Flux.fromIterable(log.entries(batch.events(), stored -> aggregateTypes.isEmpty()
                                   || aggregateTypes.contains(stored.commit().getString("aggregateType"))));
                       })
                       .repeat();
        });
    }
}

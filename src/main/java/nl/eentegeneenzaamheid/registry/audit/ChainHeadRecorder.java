package nl.eentegeneenzaamheid.registry.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.eentegeneenzaamheid.registry.eventstore.CommitLog;
import nl.eentegeneenzaamheid.registry.eventstore.LogPosition;
import nl.eentegeneenzaamheid.registry.eventstore.MongoEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Records the chain head every {@code registry.audit.chain-head-interval-events} events, or after
 * {@code registry.audit.chain-head-interval} when the log moved at all, in {@code chain_heads} and in the log file,
 * where an auditor can fetch and keep it. Before recording, it verifies the chain from the previous recorded head
 * on: so each recorded head also vouches that the log extended the one before, and the work per head is only the
 * events since.
 */
@Component
class ChainHeadRecorder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainHeadRecorder.class);

    private final MongoEventStorageEngine engine;
    private final AuditChainVerifier verifier;
    private final ChainHeads heads;
    private final Clock clock;
    private final long everyEvents;
    private final Duration every;
    private final Duration checkEvery;
    private ScheduledExecutorService timer;

    ChainHeadRecorder(MongoEventStorageEngine engine, MongoTemplate mongo, ChainHeads heads, Clock clock,
                      @Value("${registry.audit.chain-head-interval-events:1000}") long everyEvents,
                      @Value("${registry.audit.chain-head-interval:60m}") Duration every,
                      @Value("${registry.audit.chain-head-check:1m}") Duration checkEvery) {
        this.engine = engine;
        this.verifier = new AuditChainVerifier(new CommitLog(mongo.getDb()));
        this.heads = heads;
        this.clock = clock;
        this.everyEvents = everyEvents;
        this.every = every;
        this.checkEvery = checkEvery;
    }

    /** Records a head if one is due; returns it. */
    synchronized Optional<ChainHead> recordIfDue() {
        long logHead = ((LogPosition) engine.createHeadToken()).index();
        Optional<ChainHead> last = heads.latest();
        if (logHead < 1 || last.isPresent() && logHead <= last.get().position()) {
            return Optional.empty();
        }
        boolean due = last.isEmpty() || logHead - last.get().position() >= everyEvents
                      || !clock.instant().isBefore(last.get().recordedAt().plus(every));
        return due ? record(last.orElse(null)) : Optional.empty();
    }

    private Optional<ChainHead> record(ChainHead previous) {
        AuditChainVerification verification = verifier.verify(previous, null);
        if (!verification.valid()) {
            log.error("Audit chain head NOT recorded: {} (first broken event {} at position {})",
                      verification.message(), verification.firstBrokenEventId(), verification.firstBrokenPosition());
            return Optional.empty();
        }
        ChainHead end = verification.head();
        if (end == null || previous != null && end.position() <= previous.position()) {
            return Optional.empty();
        }
        // Millisecond precision: what the store keeps.
        ChainHead head = new ChainHead(end.position(), end.hash(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        heads.record(head);
        log.info("Audit chain head recorded: position {} hash {} at {}", head.position(), head.hash(),
                 head.recordedAt());
        return Optional.of(head);
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "chain-heads");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::recordQuietly, checkEvery.toMillis(), checkEvery.toMillis(),
                                     TimeUnit.MILLISECONDS);
    }

    private void recordQuietly() {
        try {
            recordIfDue();
        } catch (RuntimeException e) {
            // The next round tries again; a failure here must not end the schedule.
            log.warn("Recording the audit chain head failed; trying again in {}", checkEvery, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}

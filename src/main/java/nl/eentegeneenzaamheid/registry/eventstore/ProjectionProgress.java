package nl.eentegeneenzaamheid.registry.eventstore;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * How far the read models are: lets a mutation answer from its own write (read your writes) and reports the
 * projections' lag in the readiness health check.
 */
@Component("projections")
public class ProjectionProgress extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;
    private final MongoEventStorageEngine engine;

    ProjectionProgress(EventProcessingConfiguration processing, MongoEventStorageEngine engine) {
        this.processing = processing;
        this.engine = engine;
    }

    /**
     * Waits, at most {@code timeout}, until every projection has processed the event at {@code position}.
     *
     * @return whether they all got there in time
     */
    public boolean awaitPosition(long position, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(position)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Waits for everything this thread appended last, and for what policies appended in reaction to it (such as a
     * municipality's organisation): a policy appends its commands' events before its processor moves past the event
     * that caused them, so once every processor is past this thread's write, the log's head covers those reactions.
     * One level deep: a reaction to a reaction is not waited for.
     */
    public boolean awaitOwnWrites(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long own = engine.lastAppendedPositionOfThisThread();
        if (!awaitPosition(own, timeout)) {
            return false;
        }
        long head = ((LogPosition) engine.createHeadToken()).index();
        return head <= own || awaitPosition(head, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    private boolean reached(long position) {
        return positions().values().stream().allMatch(p -> p >= position);
    }

    /** Each streaming processor's position: the lowest of its segments ({@code -1} before it has a token). */
    public Map<String, Long> positions() {
        Map<String, Long> positions = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                long lowest = streaming.processingStatus().values().stream()
                                       .map(EventTrackerStatus::getTrackingToken)
                                       .mapToLong(ProjectionProgress::positionOf)
                                       .min().orElse(-1);
                positions.put(name, lowest);
            }
        });
        return positions;
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? 0 : token.position().orElse(0);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        long head = ((LogPosition) engine.createHeadToken()).index();
        Map<String, Long> positions = positions();
        long maxLag = positions.values().stream().mapToLong(p -> head - p).max().orElse(0);
        builder.up().withDetail("logHead", head).withDetail("processors", positions).withDetail("maxLag", maxLag);
    }
}

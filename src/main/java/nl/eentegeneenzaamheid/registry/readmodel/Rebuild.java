package nl.eentegeneenzaamheid.registry.readmodel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One rebuild of one or more read models and how far it got; read from any thread while it runs. */
public final class Rebuild {

    public enum Mode {
        /** Rebuild into shadow collections and compare them with the live ones, which stay as they are. */
        VERIFY,
        /** Rebuild into shadow collections, make the live read models equal to them, and continue from there. */
        SWITCH
    }

    public enum State { RUNNING, SUCCEEDED, FAILED }

    /** A consistent view of a rebuild at one moment (the GraphQL type {@code ReadModelRebuild}). */
    public record Progress(String id, List<String> processingGroups, Mode mode, State state, double eventsDone,
                           double eventsTotal, double eventsPerSecond, OffsetDateTime startedAt,
                           OffsetDateTime finishedAt, Boolean consistent, List<String> differences,
                           double documentsDiffering, String error) {
    }

    private final String id = UUID.randomUUID().toString();
    private final List<String> processingGroups;
    private final Mode mode;
    private final Clock clock;
    private final Instant startedAt;
    private final CompletableFuture<Progress> finished = new CompletableFuture<>();
    private volatile long eventsDone;
    private long eventsTotal;
    private Instant finishedAt;
    private State state = State.RUNNING;
    private Boolean consistent;
    private List<String> differences = List.of();
    private long documentsDiffering;
    private String error;

    Rebuild(List<String> processingGroups, Mode mode, Clock clock) {
        this.processingGroups = List.copyOf(processingGroups);
        this.mode = mode;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public String id() {
        return id;
    }

    public List<String> processingGroups() {
        return processingGroups;
    }

    /** Waits, at most {@code timeout}, until the rebuild has finished (succeeded or failed). */
    public Progress await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return finished.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A rebuild's outcome is never exceptional", e);
        }
    }

    public synchronized Progress progress() {
        Instant end = finishedAt == null ? clock.instant() : finishedAt;
        double seconds = Math.max(1, Duration.between(startedAt, end).toMillis()) / 1000.0;
        return new Progress(id, processingGroups, mode, state, eventsDone, Math.max(eventsTotal, eventsDone),
                            Math.round(eventsDone / seconds * 10) / 10.0, startedAt.atOffset(ZoneOffset.UTC),
                            finishedAt == null ? null : finishedAt.atOffset(ZoneOffset.UTC), consistent,
                            differences, documentsDiffering, error);
    }

    boolean running() {
        return !finished.isDone();
    }

    synchronized void expect(long total) {
        eventsTotal = total;
    }

    void handled() {
        // Only the rebuild's own thread writes it.
        eventsDone++;
    }

    synchronized void compared(boolean consistent, List<String> differences, long documentsDiffering) {
        this.consistent = mode == Mode.VERIFY ? consistent : null;
        this.differences = List.copyOf(differences);
        this.documentsDiffering = documentsDiffering;
    }

    void succeed() {
        finish(State.SUCCEEDED, null);
    }

    void fail(String error) {
        finish(State.FAILED, error);
    }

    private void finish(State state, String error) {
        Progress progress;
        synchronized (this) {
            this.state = state;
            this.error = error;
            this.finishedAt = clock.instant();
            progress = progress();
        }
        finished.complete(progress);
    }
}

package nl.eentegeneenzaamheid.registry.eventstore;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The in-process MongoDB-compatible server, when one runs. Its H2 file store commits to disk in the background;
 * {@link #sync()} forces what was written so far onto disk, so that an acknowledged command survives a hard kill.
 *
 * <p>Syncs are grouped: a caller needs a sync <em>round</em> that begins after its own write. While one round is
 * under way, every caller that arrives waits for the next one, and the first of them to find the store idle runs it
 * for all. Under load one fsync thus covers many commits; alone, a caller pays for exactly one round.
 */
public final class EmbeddedStore implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend fileBackend;
    private final Object rounds = new Object();
    /** Rounds begun and rounds finished; a round covers every write that happened before it began. */
    private long begun;
    private long finished;
    private boolean running;

    EmbeddedStore(MongoServer server, H2Backend fileBackend) {
        this.server = server;
        this.fileBackend = fileBackend;
    }

    static EmbeddedStore none() {
        return new EmbeddedStore(null, null);
    }

    String connectionString() {
        return server.getConnectionString();
    }

    /**
     * Returns once everything this thread wrote before the call is on disk; nothing to do for a replica set (majority
     * write concern) or memory.
     */
    public void sync() {
        if (fileBackend == null) {
            return;
        }
        long round;
        synchronized (rounds) {
            // Any round that begins after this call covers this thread's writes; the next one to begin is such a one.
            long needed = begun + 1;
            while (running) {
                waitForRound();
                if (finished >= needed) {
                    return;
                }
            }
            running = true;
            round = ++begun;
        }
        boolean done = false;
        try {
            fileBackend.commit();
            fileBackend.getMvStore().sync();
            done = true;
        } finally {
            synchronized (rounds) {
                running = false;
                if (done) {
                    finished = round;
                }
                // On failure the waiters find the store idle and try a round of their own.
                rounds.notifyAll();
            }
        }
    }

    private void waitForRound() {
        try {
            rounds.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the store to reach the disk", e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            // shutdown() flushes and closes the backend; closing it again would fail.
            server.shutdown();
        }
    }
}

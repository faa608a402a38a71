package nl.eentegeneenzaamheid.registry.eventstore;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The in-process MongoDB-compatible server, when one runs. Its H2 file store commits to disk in the background;
 * {@link #sync()} forces what was written so far onto disk, so that an acknowledged command survives a hard kill.
 */
public final class EmbeddedStore implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend fileBackend;

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

    /** Flushes the file store to disk; nothing to do for a replica set (majority write concern) or memory. */
    public void sync() {
        if (fileBackend != null) {
            synchronized (fileBackend) {
                fileBackend.commit();
                fileBackend.getMvStore().sync();
            }
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

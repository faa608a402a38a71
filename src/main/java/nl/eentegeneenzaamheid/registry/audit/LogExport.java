package nl.eentegeneenzaamheid.registry.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.eventstore.ChainHash;
import nl.eentegeneenzaamheid.registry.eventstore.CommitLog;
import nl.eentegeneenzaamheid.registry.eventstore.CommitLog.Commit;
import nl.eentegeneenzaamheid.registry.eventstore.CommitLog.StoredEvent;

/**
 * The log, or a range of its positions, as NDJSON: one event per line, every field exactly as stored, so that an
 * auditor can keep a copy and recompute the chain offline (docs/audit-chain.md, "Export"). It streams: one window of
 * commits in memory at a time. A log with a gap is exported as it is, gap included, for the verifier to find.
 */
public final class LogExport {

    private static final JsonFactory JSON = new JsonFactory();

    private final CommitLog log;

    public LogExport(CommitLog log) {
        this.log = log;
    }

    /** What an export wrote. */
    public record Summary(long events, long firstPosition, long lastPosition, String lastHash) {
    }

    /** Writes the events at positions {@code from} to {@code to} (both inclusive; null: the whole log). */
    public Summary write(Long from, Long to, OutputStream out) {
        long first = from == null ? 1 : from;
        long last = to == null ? Long.MAX_VALUE : to;
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("from must be 1 or more and to at least from, got from=" + from
                                               + " to=" + to);
        }
        Lines lines = new Lines(out, first, last, previousHash(first));
        Optional<Commit> start = log.commitHolding(first).or(() -> log.firstCommitFrom(first));
        while (start.isPresent() && start.get().position() <= last) {
            long end = log.walk(start.get().position(), lines::write);
            if (lines.done) {
                break;
            }
            // A gap: the rest of the log is exported as it is stored, for the verifier to report.
            start = log.firstCommitFrom(end);
        }
        lines.flush();
        return new Summary(lines.count, lines.count == 0 ? 0 : first, lines.lastPosition, lines.previous);
    }

    private String previousHash(long first) {
        if (first == 1) {
            return ChainHash.GENESIS;
        }
        return log.commitHolding(first - 1).map(c -> c.events().get((int) (first - 1 - c.position())).hash())
                  .orElse(null);
    }

    /** Writes events as lines while the walk passes through the range. */
    private static final class Lines {

        private final JsonGenerator json;
        private final long first;
        private final long last;
        private String previous;
        private long count;
        private long lastPosition;
        private boolean done;

        Lines(OutputStream out, long first, long last, String previous) {
            try {
                this.json = JSON.createGenerator(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            json.setRootValueSeparator(null);
            this.first = first;
            this.last = last;
            this.previous = previous;
        }

        boolean write(Commit commit) {
            for (StoredEvent event : commit.events()) {
                if (event.position() > last) {
                    done = true;
                    return false;
                }
                if (event.position() >= first) {
                    line(event);
                }
            }
            return true;
        }

        private void line(StoredEvent event) {
            try {
                json.writeStartObject();
                json.writeNumberField("position", event.position());
                json.writeStringField("eventId", event.eventId());
                json.writeStringField("aggregateType", event.aggregateType());
                json.writeStringField("aggregateId", event.aggregateId());
                json.writeNumberField("seq", event.seq());
                json.writeStringField("timestamp", event.timestamp());
                json.writeStringField("payloadType", event.payloadType());
                json.writeStringField("payloadRevision", event.payloadRevision());
                json.writeStringField("actor", actor(event.metaData()));
                json.writeStringField("payload", event.payload());
                json.writeStringField("metaData", event.metaData());
                json.writeStringField("previousHash", previous);
                json.writeStringField("hash", event.hash());
                json.writeEndObject();
                json.writeRaw('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("Writing the export failed at position " + event.position(), e);
            }
            previous = event.hash();
            lastPosition = event.position();
            count++;
        }

        void flush() {
            try {
                json.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The metadata's {@code actor} (an access token's id, a JWT subject or "system"), for reading; null if none. */
        private static String actor(String metaData) {
            if (metaData == null) {
                return null;
            }
            try (JsonParser parser = JSON.createParser(metaData)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("actor".equals(name)) {
                        return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    }
                    parser.skipChildren();
                }
                return null;
            } catch (IOException e) {
                // Metadata that is not JSON is exported as it is; it simply names no actor.
                return null;
            }
        }
    }
}

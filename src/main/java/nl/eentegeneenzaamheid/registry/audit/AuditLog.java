package nl.eentegeneenzaamheid.registry.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import nl.eentegeneenzaamheid.registry.access.ActorNames;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.eventstore.LogPosition;
import nl.eentegeneenzaamheid.registry.eventstore.MongoEventStorageEngine;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the event log ({@code commits}) as auditors see it: every read is a lookup by exact key, as the tracking
 * processors' are (see docs/event-store.md), so its cost does not grow with the log. Positions are dense: the commit
 * at {@code p} with {@code n} events holds positions {@code p .. p+n-1} and the next one starts at {@code p+n}.
 */
@Component
class AuditLog {

    private static final String COMMITS = "commits";
    /** How many positions one {@code _id $in} lookup asks for. */
    private static final int WINDOW = 64;
    /**
     * The payload fields whose date is the business date an event speaks of, in order of preference (the first one
     * present wins): a correction's new {@code joinedOn} before anything else, a period's start before its end.
     */
    static final List<String> DATE_FIELDS = List.of("joinedOn", "leftOn", "foundedOn", "effectiveOn", "since", "on",
                                                    "startsOn", "startedOn", "endedOn", "convertedOn", "stoppedOn",
                                                    "existsFrom");

    /** One event in its commit, before it is turned into an entry. */
    record Stored(long position, Document commit, Document event) {
        Instant recordedAt() {
            return Instant.parse(event.getString("timestamp"));
        }
    }

    /** Events read from the log and the commit to read next. */
    record Batch(List<Stored> events, long nextCommit) {
    }

    private final MongoCollection<Document> commits;
    private final MongoEventStorageEngine engine;
    private final ActorNames names;
    private final ObjectMapper json;

    AuditLog(MongoTemplate mongo, MongoEventStorageEngine engine, ActorNames names, ObjectMapper json) {
        this.commits = mongo.getCollection(COMMITS);
        this.engine = engine;
        this.names = names;
        this.json = json;
    }

    /** The position of the newest event. */
    long head() {
        return ((LogPosition) engine.createHeadToken()).index();
    }

    /**
     * The events after position {@code after}, reading commits from {@code commitAt} (which must hold position
     * {@code after + 1} or start there) while the chain is unbroken, until at least {@code max} events are read;
     * whole commits, so a batch may hold a few more.
     */
    Batch readFrom(long commitAt, long after, int max) {
        List<Stored> events = new ArrayList<>();
        long cursor = commitAt;
        while (events.size() < max) {
            Map<Long, Document> found = window(cursor, cursor + WINDOW - 1);
            Document commit = found.get(cursor);
            if (commit == null) {
                break;
            }
            while (commit != null && events.size() < max) {
                List<Document> inCommit = commit.getList("events", Document.class);
                for (int i = 0; i < inCommit.size(); i++) {
                    if (cursor + i > after) {
                        events.add(new Stored(cursor + i, commit, inCommit.get(i)));
                    }
                }
                cursor += inCommit.size();
                commit = found.get(cursor);
            }
        }
        return new Batch(events, cursor);
    }

    /**
     * The commit to start reading at to see the events after position {@code after}: the commit holding
     * {@code after + 1}, or {@code after + 1} itself when that is where the next commit will go.
     */
    long commitHolding(long after) {
        if (after < 0) {
            throw RegistryException.validation("after must be a position in the log (0 or more)");
        }
        long head = head();
        if (after > head) {
            throw RegistryException.validation("after (" + after + ") is beyond the end of the log (" + head
                                               + "); pass a globalIndex you received");
        }
        long target = after + 1;
        for (long high = target; high >= 1; high -= WINDOW) {
            Map<Long, Document> found = window(Math.max(1, high - WINDOW + 1), high);
            if (!found.isEmpty()) {
                long start = found.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
                return start + found.get(start).getInteger("count") > target ? start : target;
            }
        }
        return target;
    }

    /** The stored events at these positions (known to exist), in log order. */
    List<Stored> atPositions(Collection<Long> positions) {
        TreeMap<Long, Document> commitsFound = new TreeMap<>();
        // Commits naming an organisation or municipality hold few events: look a little below each position at once.
        Set<Long> near = positions.stream().flatMapToLong(p -> LongStream.rangeClosed(Math.max(1, p - 7), p))
                                  .boxed().collect(Collectors.toSet());
        commits.find(in("_id", near)).forEach(c -> commitsFound.put(c.getLong("_id"), c));
        List<Stored> stored = new ArrayList<>();
        for (long position : positions.stream().sorted().distinct().toList()) {
            var holder = commitsFound.floorEntry(position);
            if (holder == null || holder.getKey() + holder.getValue().getInteger("count") <= position) {
                long start = commitHolding(position - 1);
                Document commit = commits.find(eq("_id", start)).first();
                if (commit == null) {
                    continue;
                }
                commitsFound.put(start, commit);
                holder = commitsFound.floorEntry(position);
            }
            Document commit = holder.getValue();
            stored.add(new Stored(position, commit,
                                  commit.getList("events", Document.class).get((int) (position - holder.getKey()))));
        }
        return stored;
    }

    /**
     * The events of one aggregate after position {@code after} (0: from its start), in order, at most about
     * {@code max}: its commits are found by the unique key {@code (aggregateId, firstSeq)}, one lookup each.
     */
    List<Stored> ofAggregate(String aggregateId, long after, int max) {
        long seq = 0;
        if (after > 0) {
            Document holding = commits.find(eq("_id", commitHolding(after - 1))).first();
            if (holding == null || !aggregateId.equals(holding.getString("aggregateId"))) {
                throw RegistryException.validation("after (" + after + ") is not the globalIndex of an event of "
                                                   + aggregateId + "; pass one from its history");
            }
            seq = holding.getLong("firstSeq");
        }
        List<Stored> events = new ArrayList<>();
        for (Document commit = commitAt(aggregateId, seq); commit != null && events.size() < max;
             commit = commitAt(aggregateId, commit.getLong("lastSeq") + 1)) {
            long start = commit.getLong("_id");
            List<Document> inCommit = commit.getList("events", Document.class);
            for (int i = 0; i < inCommit.size() && events.size() < max; i++) {
                if (start + i > after) {
                    events.add(new Stored(start + i, commit, inCommit.get(i)));
                }
            }
        }
        return events;
    }

    /** Whether the log holds an aggregate with this id. */
    boolean isAggregate(String aggregateId) {
        return commitAt(aggregateId, 0) != null;
    }

    /** The first position whose event was recorded at or after {@code instant}, by bisection over the positions. */
    long firstRecordedFrom(Instant instant) {
        long low = 1;
        long high = head() + 1;
        while (low < high) {
            long middle = low + (high - low) / 2;
            Stored at = atPositions(List.of(middle)).get(0);
            if (at.recordedAt().isBefore(instant)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Turns stored events into entries, naming their actors with one lookup; those {@code keep} refuses are left out. */
    List<AuditEntry> entries(List<Stored> stored, Predicate<Stored> keep) {
        List<Stored> kept = stored.stream().filter(keep).toList();
        Map<Stored, Map<String, Object>> metaData = new LinkedHashMap<>();
        kept.forEach(s -> metaData.put(s, parse(s.event().getString("metaData"))));
        Map<String, String> labels = names.labelsOf(metaData.values().stream().map(m -> actorOf(m))
                                                            .collect(Collectors.toSet()));
        return kept.stream().map(s -> entry(s, metaData.get(s), labels)).toList();
    }

    static String actorOf(Map<String, Object> metaData) {
        return metaData.get("actor") instanceof String actor ? actor : "system";
    }

    Map<String, Object> metaData(Stored stored) {
        return parse(stored.event().getString("metaData"));
    }

    private AuditEntry entry(Stored s, Map<String, Object> metaData, Map<String, String> labels) {
        Document event = s.event();
        Map<String, Object> payload = parse(event.getString("payload"));
        String actor = actorOf(metaData);
        return new AuditEntry(s.position(), event.getString("eventId"), s.commit().getString("aggregateId"),
                              s.commit().getString("aggregateType"), event.getLong("seq"),
                              simpleName(event.getString("payloadType")), occurredOn(payload),
                              s.recordedAt().atOffset(ZoneOffset.UTC), labels.getOrDefault(actor, actor),
                              text(metaData.get("role")), text(metaData.get("requestId")),
                              text(metaData.get("correlationId")), text(metaData.get("traceId")),
                              text(metaData.get("source")), text(metaData.get("sourceDate")), payload,
                              // Written by the hash chain (docs/audit-chain.md).
                              event.getString("hash"));
    }

    /** The business date the event speaks of: the first of {@link #DATE_FIELDS} the payload holds. */
    static LocalDate occurredOn(Map<String, Object> payload) {
        for (String field : DATE_FIELDS) {
            if (payload.get(field) instanceof String value) {
                try {
                    return LocalDate.parse(value);
                } catch (DateTimeParseException notADate) {
                    // Some other use of the name: look further.
                }
            }
        }
        return null;
    }

    /** {@code …CoalitionEvent$MemberJoined} is {@code MemberJoined}. */
    static String simpleName(String payloadType) {
        return payloadType.substring(Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$')) + 1);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private Map<String, Object> parse(String stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            Map<String, Object> parsed = json.readValue(stored, new TypeReference<LinkedHashMap<String, Object>>() { });
            return parsed == null ? Map.of() : parsed;
        } catch (JsonProcessingException e) {
            // Shown as it is stored: an auditor reads what was written, also when it is not what a reader expects.
            return Map.of("unreadable", stored);
        }
    }

    private Map<Long, Document> window(long from, long to) {
        Map<Long, Document> found = new HashMap<>();
        commits.find(in("_id", LongStream.rangeClosed(from, to).boxed().toList()))
               .forEach(c -> found.put(c.getLong("_id"), c));
        return found;
    }

    private Document commitAt(String aggregateId, long firstSeq) {
        // The exact key set of the unique index: the embedded server uses it only so, not for an $and of equalities.
        return commits.find(new Document("aggregateId", aggregateId).append("firstSeq", firstSeq)).first();
    }
}

package nl.eentegeneenzaamheid.registry.audit;

import graphql.schema.DataFetchingEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import nl.eentegeneenzaamheid.registry.access.ActiveTokens;
import nl.eentegeneenzaamheid.registry.access.ActorNames;
import nl.eentegeneenzaamheid.registry.audit.AuditLog.Stored;
import nl.eentegeneenzaamheid.registry.common.Access;
import nl.eentegeneenzaamheid.registry.common.Commands.Actor;
import nl.eentegeneenzaamheid.registry.common.Cursors;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationView;
import nl.eentegeneenzaamheid.registry.readmodel.ReadModelRebuilds;
import nl.eentegeneenzaamheid.registry.readmodel.Rebuild;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.data.method.annotation.SubscriptionMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code graphql/audit.graphqls}: history, the audit log, live registry events and the read models' verification. */
@Controller
class AuditController {

    private static final int DEFAULT_HISTORY = 100;
    /** How many events one auditLog page looks at, at most, so that a narrow filter cannot make one request scan the log. */
    static final int SCAN_LIMIT = 5_000;
    /**
     * Recording times grow with the position, up to the moments between an event's timestamp and its commit's
     * insert (concurrent writers can interleave there): a time filter looks this far beyond its bounds.
     */
    private static final Duration SKEW = Duration.ofMinutes(1);
    private static final Duration VERIFY_TIMEOUT = Duration.ofMinutes(5);
    private static final String ORGANISATION_HISTORY = "organisationHistory";

    /** One Organisation.history field: the organisation and its page arguments, batched across organisations. */
    record HistoryKey(String organisationId, int first, long after) {
    }

    record ProjectionVerification(boolean consistent, double eventsReplayed, List<String> differences) {
    }

    private final AuditLog log;
    private final Mentions mentions;
    private final RegistryEvents live;
    private final ReadModelRebuilds rebuilds;
    private final ActorNames names;
    private final ActiveTokens tokens;
    private final Access access;

    AuditController(AuditLog log, Mentions mentions, RegistryEvents live, ReadModelRebuilds rebuilds,
                    ActorNames names, ActiveTokens tokens, Access access, BatchLoaderRegistry loaders) {
        this.tokens = tokens;
        this.log = log;
        this.mentions = mentions;
        this.live = live;
        this.rebuilds = rebuilds;
        this.names = names;
        this.access = access;
        // Organisation.history has page arguments, which @BatchMapping cannot pass: a DataLoader keyed by
        // (organisation, first, after) batches it the same way, one index lookup for the whole list.
        loaders.<HistoryKey, List<AuditEntry>>forName(ORGANISATION_HISTORY)
               .registerMappedBatchLoader((keys, env) -> Mono.fromCallable(() -> organisationHistories(keys)));
    }

    @QueryMapping
    List<AuditEntry> history(@Argument String aggregateId, @Argument Integer first, @Argument Double after) {
        access.auditor();
        int size = pageSize(first);
        long from = position(after);
        List<Long> named = mentions.positions(List.of(aggregateId)).get(aggregateId);
        if (named != null) {
            return log.entries(log.atPositions(named.stream().filter(p -> p > from).limit(size).toList()), s -> true);
        }
        if (!log.isAggregate(aggregateId)) {
            throw RegistryException.notFound("Nothing in the log is or names " + aggregateId + "; pass an "
                                             + "organisation, coalition, collaboration or pilot id, a CBS code or "
                                             + "municipality-register");
        }
        return log.entries(log.ofAggregate(aggregateId, from, size), s -> true);
    }

    @SchemaMapping(typeName = "Organisation", field = "history")
    CompletableFuture<List<AuditEntry>> organisationHistory(OrganisationView organisation, @Argument Integer first,
                                                            @Argument Double after, DataFetchingEnvironment env) {
        access.auditor();
        DataLoader<HistoryKey, List<AuditEntry>> loader = env.getDataLoader(ORGANISATION_HISTORY);
        return loader.load(new HistoryKey(organisation.id(), pageSize(first), position(after)));
    }

    private Map<HistoryKey, List<AuditEntry>> organisationHistories(Set<HistoryKey> keys) {
        Map<String, List<Long>> named = mentions.positions(keys.stream().map(HistoryKey::organisationId).toList());
        Map<HistoryKey, List<Long>> pages = new LinkedHashMap<>();
        keys.forEach(key -> pages.put(key, named.getOrDefault(key.organisationId(), List.of()).stream()
                                                .filter(p -> p > key.after()).limit(key.first()).toList()));
        // One read of the log for all pages, then each page picks its own entries.
        Set<Long> all = new HashSet<>();
        pages.values().forEach(all::addAll);
        Map<Long, AuditEntry> entries = new HashMap<>();
        log.entries(log.atPositions(all), s -> true).forEach(e -> entries.put((long) e.globalIndex(), e));
        Map<HistoryKey, List<AuditEntry>> result = new HashMap<>();
        pages.forEach((key, positions) -> result.put(key, positions.stream().map(entries::get)
                                                                   .filter(java.util.Objects::nonNull).toList()));
        return result;
    }

    @QueryMapping
    Map<String, Object> auditLog(@Argument OffsetDateTime from, @Argument OffsetDateTime to, @Argument String actor,
                                 @Argument Integer first, @Argument String after) {
        access.auditor();
        int size = Cursors.pageSize(first);
        if (from != null && to != null && !from.isBefore(to)) {
            throw RegistryException.validation("from must be before to");
        }
        Instant fromInstant = from == null ? null : from.toInstant();
        Instant toInstant = to == null ? null : to.toInstant();
        long considered = after != null ? cursorPosition(after)
                : fromInstant != null ? log.firstRecordedFrom(fromInstant.minus(SKEW)) - 1 : 0;
        Set<String> actors = new HashSet<>();
        if (actor != null) {
            actors.add(actor);
            names.actorIdOf(actor).ifPresent(actors::add);
        }
        List<Stored> page = new ArrayList<>();
        long commit = log.commitHolding(considered);
        int looked = 0;
        boolean end = false;
        scan:
        while (page.size() < size) {
            if (looked >= SCAN_LIMIT) {
                break;
            }
            AuditLog.Batch batch = log.readFrom(commit, considered, Math.min(256, SCAN_LIMIT - looked));
            if (batch.events().isEmpty()) {
                end = true;
                break;
            }
            for (Stored stored : batch.events()) {
                Instant at = stored.recordedAt();
                if (toInstant != null && !at.isBefore(toInstant.plus(SKEW))) {
                    end = true;
                    break scan;
                }
                considered = stored.position();
                looked++;
                boolean inTime = (fromInstant == null || !at.isBefore(fromInstant))
                                 && (toInstant == null || at.isBefore(toInstant));
                if (inTime && (actors.isEmpty() || actors.contains(AuditLog.actorOf(log.metaData(stored))))) {
                    page.add(stored);
                    if (page.size() == size) {
                        break scan;
                    }
                }
            }
            commit = batch.nextCommit();
        }
        List<Map<String, Object>> edges = log.entries(page, s -> true).stream().map(entry -> Map.<String, Object>of(
                "node", entry, "cursor", Cursors.encode(Long.toString((long) entry.globalIndex())))).toList();
        Map<String, Object> pageInfo = new HashMap<>();
        pageInfo.put("hasNextPage", !end);
        pageInfo.put("endCursor", Cursors.encode(Long.toString(considered)));
        return Map.of("edges", edges, "pageInfo", pageInfo);
    }

    @QueryMapping
    ProjectionVerification verifyProjections() {
        access.auditor();
        Rebuild rebuild = rebuilds.start(List.of(), Rebuild.Mode.VERIFY);
        Rebuild.Progress done;
        try {
            done = rebuild.await(VERIFY_TIMEOUT);
        } catch (TimeoutException e) {
            throw RegistryException.retryLater("The verification (rebuild " + rebuild.id() + ") is still running after "
                                               + VERIFY_TIMEOUT.toMinutes() + " minutes; follow it with "
                                               + "readModelRebuild(id: \"" + rebuild.id() + "\")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RegistryException.retryLater("Interrupted while verifying; ask again");
        }
        if (done.state() != Rebuild.State.SUCCEEDED) {
            throw RegistryException.retryLater("The verification failed: " + done.error());
        }
        return new ProjectionVerification(Boolean.TRUE.equals(done.consistent()), done.eventsDone(),
                                          done.differences());
    }

    @SubscriptionMapping
    Flux<AuditEntry> registryEvents(@Argument List<String> aggregateTypes, @Argument Double after) {
        Actor actor = access.auditor();
        long from = after == null ? log.head() : position(after);
        return live.after(from, aggregateTypes == null ? Set.of() : Set.copyOf(aggregateTypes),
                          () -> tokens.stillActive(actor));
    }

    private static int pageSize(Integer first) {
        return Cursors.pageSize(first == null ? DEFAULT_HISTORY : first);
    }

    private static long position(Double after) {
        if (after == null) {
            return 0;
        }
        if (after < 0 || after != Math.rint(after) || after > 1e15) {
            throw RegistryException.validation("after must be a globalIndex (a whole number, 0 or more)");
        }
        return after.longValue();
    }

    private static long cursorPosition(String cursor) {
        try {
            long position = Long.parseLong(Cursors.decode(cursor));
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw RegistryException.validation("after is not a cursor this registry gave out");
    }
}

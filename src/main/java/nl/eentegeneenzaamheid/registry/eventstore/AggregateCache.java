package nl.eentegeneenzaamheid.registry.eventstore;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * Keeps the most recently used aggregates of one type in memory, so that a command on a large aggregate (the National
 * Coalition, the municipality register, a local coalition with many parties) does not load its snapshot and events
 * again every time. Axon's caching repository evicts an aggregate whose command failed (a refusal, a lost race).
 *
 * <p>Several nodes may write to one store: an aggregate cached here may have been changed by another node since.
 * Before a cached aggregate is used, the store is asked whether a commit follows its version (one lookup on the
 * unique key {@code (aggregateId, firstSeq)}); if one does, the entry is dropped and the aggregate loaded afresh, so
 * that a command never decides on a stale state. Should another node commit between that check and this command's
 * commit, the unique key refuses the stale commit, the failed unit of work evicts the entry, and the gateway's retry
 * loads the aggregate afresh ({@code AxonConfiguration#commandGateway}).
 */
final class AggregateCache implements Cache {

    /** The version an entry was cached at; Axon keeps it private, and it is what tells whether the entry is stale. */
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.privateLookupIn(AggregateCacheEntry.class, MethodHandles.lookup())
                                   .findVarHandle(AggregateCacheEntry.class, "version", Long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MongoEventStorageEngine engine;
    private final Map<Object, Object> entries;

    AggregateCache(MongoEventStorageEngine engine, int capacity) {
        this.engine = engine;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        if (entry instanceof AggregateCacheEntry<?> cached && changedElsewhere(key.toString(), cached)) {
            remove(key);
            return null;
        }
        return (V) entry;
    }

    private boolean changedElsewhere(String aggregateId, AggregateCacheEntry<?> cached) {
        Long version = (Long) VERSION.get(cached);
        return engine.holdsCommitAt(aggregateId, version == null ? 0 : version + 1);
    }

    @Override
    public void put(Object key, Object value) {
        synchronized (entries) {
            entries.put(key, value);
        }
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        synchronized (entries) {
            return entries.putIfAbsent(key, value) == null;
        }
    }

    @Override
    public boolean remove(Object key) {
        synchronized (entries) {
            return entries.remove(key) != null;
        }
    }

    @Override
    public void removeAll() {
        synchronized (entries) {
            entries.clear();
        }
    }

    @Override
    public boolean containsKey(Object key) {
        synchronized (entries) {
            return entries.containsKey(key);
        }
    }

    /** The repository does not listen to its cache. */
    @Override
    public Registration registerCacheEntryListener(EntryListener entryListener) {
        return () -> true;
    }
}

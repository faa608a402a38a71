package nl.eentegeneenzaamheid.registry;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Counts the database commands that read the given collections, in every test context (it is on the test class path,
 * so the registry's component scan finds it). Tests use it to show that a page of results costs the same number of
 * queries whatever its size.
 */
@Component
public class MongoCommands implements MongoClientSettingsBuilderCustomizer, CommandListener {

    private static final Set<String> READS = Set.of("find", "aggregate", "count", "distinct");

    private volatile Predicate<String> watched = collection -> false;
    /** Whether every command on a watched collection counts (writes too), not only reads. */
    private volatile boolean everyCommand;
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void customize(com.mongodb.MongoClientSettings.Builder settings) {
        settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        if ((everyCommand || READS.contains(name)) && watched.test(
                event.getCommand().get(name).isString() ? event.getCommand().getString(name).getValue() : "")) {
            count.incrementAndGet();
        }
    }

    /** How many reads of {@code collections} {@code action} caused (the event log and token store are not counted). */
    public synchronized int readsOf(Set<String> collections, Runnable action) {
        return count(collections::contains, false, action);
    }

    /**
     * How many database commands, reads and writes, on any collection but {@code excluded} {@code action} caused,
     * on every thread (the benchmarks use it to explain a rate by the round trips each unit of work costs).
     */
    public synchronized int commandsExcept(Set<String> excluded, Runnable action) {
        return count(collection -> !collection.isEmpty() && !excluded.contains(collection), true, action);
    }

    private int count(Predicate<String> collections, boolean writesToo, Runnable action) {
        watched = collections;
        everyCommand = writesToo;
        count.set(0);
        try {
            action.run();
            return count.get();
        } finally {
            watched = collection -> false;
            everyCommand = false;
        }
    }
}

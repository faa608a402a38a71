package nl.eentegeneenzaamheid.registry;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
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

    private volatile Set<String> watched = Set.of();
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public void customize(com.mongodb.MongoClientSettings.Builder settings) {
        settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        if (READS.contains(name) && watched.contains(String.valueOf(event.getCommand().get(name).isString()
                                                       ? event.getCommand().getString(name).getValue() : ""))) {
            count.incrementAndGet();
        }
    }

    /** How many reads of {@code collections} {@code action} caused (the event log and token store are not counted). */
    public synchronized int readsOf(Set<String> collections, Runnable action) {
        watched = collections;
        count.set(0);
        try {
            action.run();
            return count.get();
        } finally {
            watched = Set.of();
        }
    }
}

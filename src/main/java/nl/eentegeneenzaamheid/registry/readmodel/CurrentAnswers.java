package nl.eentegeneenzaamheid.registry.readmodel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import nl.eentegeneenzaamheid.registry.eventstore.MongoTokenStore;
import nl.eentegeneenzaamheid.registry.eventstore.ProjectionProgress;
import org.springframework.stereotype.Component;

/**
 * Answers derived from many read-model documents as they stand now (the national-to-local links, a growth metric's
 * periods), kept until a projection moves. Checking costs one small read of the token store, whatever the size of the
 * registry; recomputing costs what the answer depends on, once per change of the read models. Answers as known at a
 * past moment are not kept: callers compute those each time.
 */
@Component
public class CurrentAnswers {

    private record Answer(String stamp, Object value) {
    }

    private final MongoTokenStore tokens;
    private final ProjectionProgress progress;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    CurrentAnswers(MongoTokenStore tokens, ProjectionProgress progress) {
        this.tokens = tokens;
        this.progress = progress;
    }

    /**
     * The answer kept under {@code key}, or {@code compute}'s (which must return an immutable value) when the read
     * models may have changed since it was kept.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> compute) {
        // Read before computing: the answer then reflects at least what the stamp says the read models hold. The
        // stored tokens cover every node's processors; this node's own positions move as soon as a batch is written
        // (the read-your-writes wait of a mutation watches them), whichever of the two comes first.
        String stamp = tokens.readModelsStamp() + progress.positions();
        Answer kept = answers.get(key);
        if (kept != null && kept.stamp().equals(stamp)) {
            return (T) kept.value();
        }
        T value = compute.get();
        answers.put(key, new Answer(stamp, value));
        return value;
    }
}

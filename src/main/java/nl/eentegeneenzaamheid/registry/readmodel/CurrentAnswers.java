package nl.eentegeneenzaamheid.registry.readmodel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import nl.eentegeneenzaamheid.registry.eventstore.MongoTokenStore;
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
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    CurrentAnswers(MongoTokenStore tokens) {
        this.tokens = tokens;
    }

    /**
     * The answer kept under {@code key}, or {@code compute}'s (which must return an immutable value) when the read
     * models may have changed since it was kept.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(String key, Supplier<T> compute) {
        // Read before computing: the answer then reflects at least what the stamp says the read models hold. Axon's
        // tracking processor stores a batch's token when it commits the batch, before its position in memory moves
        // (which a mutation's read-your-writes wait watches): a mutation's answer always finds the stamp changed.
        String stamp = tokens.readModelsStamp();
        Answer kept = answers.get(key);
        if (kept != null && kept.stamp().equals(stamp)) {
            return (T) kept.value();
        }
        T value = compute.get();
        answers.put(key, new Answer(stamp, value));
        return value;
    }
}

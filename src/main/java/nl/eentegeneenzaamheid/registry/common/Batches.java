package nl.eentegeneenzaamheid.registry.common;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** Resolving a nested GraphQL field for a whole list at once: one lookup for all keys, whatever the list's size. */
public final class Batches {

    private Batches() {
    }

    /**
     * Ids per {@code _id $in} query. The embedded server matches every document it finds against the whole
     * {@code $in} list, so one query for n ids costs n x n comparisons (about a minute for the 34,000 organisations
     * of the x10 dataset); in queries of this size the cost stays linear, and a page (at most 100) is one query.
     */
    static final int IDS_PER_QUERY = 500;

    /** The documents of {@code collection} with the given ids, keyed by id: one {@code _id $in} query per 500 ids. */
    public static <T> Map<String, T> byIds(MongoTemplate mongo, Class<T> type, String collection,
                                           Collection<String> ids, Function<T, String> idOf) {
        Map<String, T> found = new LinkedHashMap<>();
        List<String> all = ids.stream().filter(Objects::nonNull).distinct().toList();
        for (int from = 0; from < all.size(); from += IDS_PER_QUERY) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + IDS_PER_QUERY));
            mongo.find(Query.query(Criteria.where("_id").in(chunk)), type, collection)
                 .forEach(document -> found.put(idOf.apply(document), document));
        }
        return found;
    }

    /**
     * Looks up the distinct non-null keys of {@code sources} in one call of {@code lookup}, and maps each source to
     * what its key found (sources whose key is null or unknown are left out: the field resolves to null).
     */
    public static <S, T> Map<S, T> resolve(List<S> sources, Function<S, String> keyOf,
                                           Function<Collection<String>, Map<String, T>> lookup) {
        Set<String> keys = sources.stream().map(keyOf).filter(Objects::nonNull).collect(Collectors.toSet());
        Map<String, T> found = keys.isEmpty() ? Map.of() : lookup.apply(keys);
        Map<S, T> result = new LinkedHashMap<>();
        sources.forEach(source -> {
            String key = keyOf.apply(source);
            if (key != null && found.containsKey(key)) {
                result.put(source, found.get(key));
            }
        });
        return result;
    }
}

package nl.eentegeneenzaamheid.registry.growth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;

/** Where one kind of fact comes from: the periods in which each subject counted, on both time axes. */
interface MetricSource {

    Fact fact();

    /** The periods as known at {@code knownAt} ({@code null}: now). */
    List<Period> periods(Instant knownAt);

    /** The bucket (a sector or province name) of each subject, in one query. */
    Map<String, String> buckets(Collection<String> subjects);
}

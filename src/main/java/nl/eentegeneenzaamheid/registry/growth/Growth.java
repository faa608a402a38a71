package nl.eentegeneenzaamheid.registry.growth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;

/**
 * Counts over periods, in one sorted pass: the count on day {@code d} is the number of periods started on or before
 * {@code d} minus the number ended on or before it (an end date is the first day a period no longer counts). The
 * cost follows the number of periods of the metric, not the number of events in the log.
 */
final class Growth {

    record Bucket(String key, int total) {
    }

    record Point(LocalDate periodStart, LocalDate periodEnd, int joined, int left, int total, List<Bucket> breakdown) {
    }

    /** Sorted start and end days of a set of periods. */
    private static final class Counter {
        private final long[] starts;
        private final long[] ends;

        Counter(List<Period> periods) {
            starts = periods.stream().mapToLong(p -> p.validFrom().toEpochDay()).sorted().toArray();
            ends = periods.stream().filter(p -> p.validTo() != null).mapToLong(p -> p.validTo().toEpochDay())
                          .sorted().toArray();
        }

        int totalOn(LocalDate day) {
            return atOrBefore(starts, day) - atOrBefore(ends, day);
        }

        int startedBetween(LocalDate first, LocalDate last) {
            return atOrBefore(starts, last) - atOrBefore(starts, first.minusDays(1));
        }

        int endedBetween(LocalDate first, LocalDate last) {
            return atOrBefore(ends, last) - atOrBefore(ends, first.minusDays(1));
        }

        /** How many of the sorted days are on or before {@code day} (an upper-bound binary search). */
        private static int atOrBefore(long[] sorted, LocalDate day) {
            long key = day.toEpochDay();
            int low = 0;
            int high = sorted.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (sorted[mid] <= key) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    private Growth() {
    }

    /**
     * The series from the period holding {@code from} to the period holding {@code to}.
     *
     * @param bucketOf a period's bucket, or {@code null} for no breakdown
     */
    static List<Point> series(List<Period> periods, Interval interval, LocalDate from, LocalDate to,
                              Function<Period, String> bucketOf) {
        Counter all = new Counter(periods);
        Map<String, Counter> byBucket = new TreeMap<>();
        if (bucketOf != null) {
            Map<String, List<Period>> grouped = new HashMap<>();
            periods.forEach(p -> grouped.computeIfAbsent(bucketOf.apply(p), k -> new ArrayList<>()).add(p));
            grouped.forEach((key, list) -> byBucket.put(key, new Counter(list)));
        }
        List<Point> points = new ArrayList<>();
        for (LocalDate start = interval.startOf(from); !start.isAfter(to); start = interval.next(start)) {
            LocalDate end = interval.next(start).minusDays(1);
            List<Bucket> breakdown = new ArrayList<>();
            for (Map.Entry<String, Counter> bucket : byBucket.entrySet()) {
                breakdown.add(new Bucket(bucket.getKey(), bucket.getValue().totalOn(end)));
            }
            points.add(new Point(start, end, all.startedBetween(start, end), all.endedBetween(start, end),
                                 all.totalOn(end), breakdown));
        }
        return points;
    }

    /** Totals on one day, per bucket. */
    static List<Bucket> bucketsOn(List<Period> periods, LocalDate day, Function<Period, String> bucketOf) {
        Map<String, Integer> totals = new TreeMap<>();
        periods.stream().filter(p -> p.validOn(day))
               .forEach(p -> totals.merge(bucketOf.apply(p), 1, Integer::sum));
        return totals.entrySet().stream().map(e -> new Bucket(e.getKey(), e.getValue())).toList();
    }
}

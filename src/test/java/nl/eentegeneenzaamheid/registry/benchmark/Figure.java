package nl.eentegeneenzaamheid.registry.benchmark;

import java.util.Map;

/**
 * One measured figure: {@code value} against a {@code baseline} measured in the same run, so that the {@code ratio}
 * holds on a noisy machine. {@code details} carries what explains it (the unsynced baseline, latencies, sizes).
 */
record Figure(String name, String scale, double value, double baseline, String units, Goal goal,
              Map<String, Object> details) {

    double ratio() {
        return value / baseline;
    }

    boolean met() {
        return goal.metBy(this);
    }

    /** What the figure should reach: a bound on the ratio, or on the value itself (the heap). */
    record Goal(String text, boolean onRatio, String comparison, double bound) {

        static Goal ratioAtLeast(double bound) {
            return new Goal("ratio >= " + bound, true, ">=", bound);
        }

        static Goal ratioAtMost(double bound) {
            return new Goal("ratio <= " + bound, true, "<=", bound);
        }

        /** A count that must not grow with the page size: the larger page costs no more than the smaller one. */
        static Goal ratioAtMostOne() {
            return new Goal("ratio <= 1", true, "<=", 1);
        }

        static Goal valueBelow(double bound, String units) {
            return new Goal("value < " + (long) bound + " " + units, false, "<", bound);
        }

        boolean metBy(Figure figure) {
            double measured = onRatio ? figure.ratio() : figure.value();
            return switch (comparison) {
                case ">=" -> measured >= bound;
                case "<=" -> measured <= bound;
                case "<" -> measured < bound;
                default -> throw new IllegalStateException(comparison);
            };
        }
    }
}

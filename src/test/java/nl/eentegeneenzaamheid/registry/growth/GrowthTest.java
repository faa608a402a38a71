package nl.eentegeneenzaamheid.registry.growth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.growth.Growth.Bucket;
import nl.eentegeneenzaamheid.registry.growth.Growth.Point;
import org.junit.jupiter.api.Test;

/** The counting rules on a small set of periods whose totals were worked out by hand. */
class GrowthTest {

    private static Period period(String subject, String from, String to) {
        return new Period(subject, "g", subject, LocalDate.parse(from), to == null ? null : LocalDate.parse(to),
                          Instant.EPOCH);
    }

    // A member throughout; B leaves on 1 Jan 2019 (still a member on 31 Dec 2018); C from 2019 to mid 2020;
    // D joins on the last day of 2020.
    private final List<Period> periods = List.of(period("A", "2018-03-01", null),
                                                 period("B", "2018-06-01", "2019-01-01"),
                                                 period("C", "2019-01-01", "2020-07-01"),
                                                 period("D", "2020-12-31", null));
    private final Map<String, String> sectors = Map.of("A", "COMPANIES", "B", "MEDIA", "C", "COMPANIES");

    @Test
    void yearlyJoinedLeftAndTotals() {
        List<Point> points = Growth.series(periods, Interval.YEAR, LocalDate.parse("2018-05-05"),
                                           LocalDate.parse("2020-02-02"), null);
        assertThat(points).extracting(Point::periodStart, Point::periodEnd, Point::joined, Point::left, Point::total)
                          .containsExactly(
                                  org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2018-01-01"),
                                                                      LocalDate.parse("2018-12-31"), 2, 0, 2),
                                  org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2019-01-01"),
                                                                      LocalDate.parse("2019-12-31"), 1, 1, 2),
                                  org.assertj.core.groups.Tuple.tuple(LocalDate.parse("2020-01-01"),
                                                                      LocalDate.parse("2020-12-31"), 1, 1, 2));
        assertThat(points).allSatisfy(p -> assertThat(p.breakdown()).isEmpty());
    }

    @Test
    void quarterlyAndMonthlyPeriodsEndOnTheirLastDay() {
        List<Point> quarters = Growth.series(periods, Interval.QUARTER, LocalDate.parse("2020-05-01"),
                                             LocalDate.parse("2020-12-01"), null);
        assertThat(quarters).extracting(Point::periodEnd)
                            .containsExactly(LocalDate.parse("2020-06-30"), LocalDate.parse("2020-09-30"),
                                             LocalDate.parse("2020-12-31"));
        assertThat(quarters).extracting(Point::total).containsExactly(2, 1, 2);
        assertThat(quarters).extracting(Point::left).containsExactly(0, 1, 0);

        List<Point> months = Growth.series(periods, Interval.MONTH, LocalDate.parse("2018-12-15"),
                                           LocalDate.parse("2019-01-15"), null);
        assertThat(months).extracting(Point::periodEnd)
                          .containsExactly(LocalDate.parse("2018-12-31"), LocalDate.parse("2019-01-31"));
        assertThat(months).extracting(Point::total).containsExactly(2, 2);
        assertThat(months).extracting(Point::joined).containsExactly(0, 1);
        assertThat(months).extracting(Point::left).containsExactly(0, 1);
    }

    @Test
    void breakdownCountsEachBucketAtPeriodEndWithMissingAsOther() {
        List<Point> points = Growth.series(periods, Interval.YEAR, LocalDate.parse("2018-01-01"),
                                           LocalDate.parse("2020-12-31"),
                                           p -> sectors.getOrDefault(p.subject(), "OTHER"));
        assertThat(points.get(0).breakdown()).containsExactly(new Bucket("COMPANIES", 1), new Bucket("MEDIA", 1),
                                                              new Bucket("OTHER", 0));
        assertThat(points.get(2).breakdown()).containsExactly(new Bucket("COMPANIES", 1), new Bucket("MEDIA", 0),
                                                              new Bucket("OTHER", 1));
        assertThat(Growth.bucketsOn(periods, LocalDate.parse("2019-06-01"),
                                    p -> sectors.getOrDefault(p.subject(), "OTHER")))
                .containsExactly(new Bucket("COMPANIES", 2));
    }
}

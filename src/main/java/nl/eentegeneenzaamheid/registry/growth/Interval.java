package nl.eentegeneenzaamheid.registry.growth;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/** Whole calendar periods; a growth series reports the count on each period's last day. */
public enum Interval {
    MONTH, QUARTER, YEAR;

    LocalDate startOf(LocalDate day) {
        return switch (this) {
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.with(IsoFields.DAY_OF_QUARTER, 1);
            case YEAR -> day.with(TemporalAdjusters.firstDayOfYear());
        };
    }

    LocalDate next(LocalDate periodStart) {
        return switch (this) {
            case MONTH -> periodStart.plusMonths(1);
            case QUARTER -> periodStart.plusMonths(3);
            case YEAR -> periodStart.plusYears(1);
        };
    }
}

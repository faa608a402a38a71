package nl.eentegeneenzaamheid.registry.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.ErrorCode;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import org.junit.jupiter.api.Test;

/** The dry run's period rules and the export's row order, without a registry. */
class SpansTest {

    private static LocalDate day(String date) {
        return LocalDate.parse(date);
    }

    @Test
    void periodsAreHalfOpenAndARowAlreadyThereIsRecognised() {
        Spans spans = new Spans();
        assertThat(spans.join(day("2019-01-01"), "X", "a member")).isTrue();
        assertThat(spans.join(day("2019-01-01"), "X", "a member")).isFalse();
        assertThatThrownBy(() -> spans.join(day("2019-06-01"), "X", "a member"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> spans.leave(day("2019-01-01"), "X", "a member"))
                .isInstanceOfSatisfying(RegistryException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
        assertThat(spans.leave(day("2020-01-01"), "X", "a member")).isTrue();
        assertThat(spans.leave(day("2020-01-01"), "X", "a member")).isFalse();
        assertThat(spans.openSince(day("2019-12-31"))).isNull();
        assertThatThrownBy(() -> spans.join(day("2019-12-31"), "X", "a member"))
                .isInstanceOfSatisfying(RegistryException.class,
                                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION));
        // Rejoining on the day the previous period ended is allowed.
        assertThat(spans.join(day("2020-01-01"), "X", "a member")).isTrue();
        assertThat(spans.openSince(day("2020-01-01"))).isEqualTo(day("2020-01-01"));
    }

    @Test
    void exportRowsAreInDateOrderWithALeaveBeforeAJoinOnTheSameDayAndCutAtAsOf() {
        Instant now = Instant.now();
        List<Period> periods = List.of(
                new Period("1", "national", "org-b", day("2020-01-01"), null, now),
                new Period("2", "national", "org-a", day("2019-01-01"), day("2020-01-01"), now),
                new Period("3", "national", "org-c", day("2021-05-01"), null, now));
        assertThat(PeriodRows.of(periods, null)).containsExactly(
                List.of("org-a", "JOIN", "2019-01-01", ""),
                List.of("org-a", "LEAVE", "2020-01-01", ""),
                List.of("org-b", "JOIN", "2020-01-01", ""),
                List.of("org-c", "JOIN", "2021-05-01", ""));
        assertThat(PeriodRows.of(periods, day("2019-12-31"))).containsExactly(List.of("org-a", "JOIN", "2019-01-01", ""));
    }
}

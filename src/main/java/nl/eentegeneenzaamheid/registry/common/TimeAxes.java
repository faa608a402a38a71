package nl.eentegeneenzaamheid.registry.common;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The two time axes of a question. Leaving both out means today as known now; only {@code knownAt} means what the
 * registry said at that moment about that moment; only {@code asOf} means as known now. Dates are taken in
 * Europe/Amsterdam.
 *
 * @param knownAt {@code null} for "as known now"
 */
public record TimeAxes(LocalDate asOf, Instant knownAt) {

    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    public static TimeAxes of(LocalDate asOf, OffsetDateTime knownAt, Clock clock) {
        Instant known = knownAt == null ? null : knownAt.toInstant();
        if (known != null && known.isAfter(clock.instant())) {
            throw RegistryException.validation("knownAt lies in the future; the registry cannot say what it will know");
        }
        LocalDate date = asOf != null ? asOf
                : LocalDate.ofInstant(known != null ? known : clock.instant(), ZONE);
        return new TimeAxes(date, known);
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }
}

package nl.eentegeneenzaamheid.registry.coalition;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * The two time axes of a query as the domain pins them down: neither given is today as known now; only
 * {@code knownAt} means {@code asOf} is its date; only {@code asOf} means as known now. Dates are taken in
 * Europe/Amsterdam. {@code knownAt} null stands for now.
 */
record TimeAxes(LocalDate asOf, Instant knownAt) {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

    static TimeAxes of(LocalDate asOf, OffsetDateTime knownAt, Clock clock) {
        Instant known = knownAt == null ? null : knownAt.toInstant();
        if (asOf != null) {
            return new TimeAxes(asOf, known);
        }
        return new TimeAxes(LocalDate.ofInstant(known == null ? clock.instant() : known, AMSTERDAM), known);
    }
}

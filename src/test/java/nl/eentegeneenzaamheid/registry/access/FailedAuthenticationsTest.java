package nl.eentegeneenzaamheid.registry.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedAuthenticationsTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aClientPastTheLimitIsRefusedUntilItsFailuresLeaveTheWindowAndOthersAreNot() {
        FailedAuthentications failures = new FailedAuthentications(3, Duration.ofMinutes(1).toMillis(), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(failures.blocked("10.0.0.1")).isFalse();
            failures.record("10.0.0.1");
            now = now.plusSeconds(10);
        }
        assertThat(failures.blocked("10.0.0.1")).isTrue();
        assertThat(failures.blocked("10.0.0.2")).isFalse();

        now = now.plusSeconds(31); // the first failure is now more than a minute old
        assertThat(failures.blocked("10.0.0.1")).isFalse();
    }
}

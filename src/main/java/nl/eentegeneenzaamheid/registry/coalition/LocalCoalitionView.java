package nl.eentegeneenzaamheid.registry.coalition;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A local coalition's existence as known at some moment: where it is now ({@code municipalityCode}), from when, and
 * until when ({@code endedOn}, set when it was combined into another). {@code recordedAt}: when it was founded in
 * the registry.
 */
public record LocalCoalitionView(String id, String municipalityCode, LocalDate foundedOn, LocalDate endedOn,
                                 Instant recordedAt) {
}

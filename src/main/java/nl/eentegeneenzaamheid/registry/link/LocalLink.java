package nl.eentegeneenzaamheid.registry.link;

import java.time.LocalDate;

/**
 * A national partner represented in a municipality (the GraphQL type {@code LocalLink}): {@code via} what,
 * {@code through} which branch organisation, pilot or collaboration, from {@code since} until {@code until} (the first
 * day it no longer holds; null while it lasts).
 */
public record LocalLink(String nationalPartnerId, String municipalityCode, LinkMechanism via, String through,
                        LocalDate since, LocalDate until) {

    public boolean validOn(LocalDate day) {
        return !day.isBefore(since) && (until == null || day.isBefore(until));
    }
}

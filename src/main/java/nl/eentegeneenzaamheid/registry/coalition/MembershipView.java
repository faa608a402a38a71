package nl.eentegeneenzaamheid.registry.coalition;

import java.time.LocalDate;

/**
 * One membership period as known at some moment (the GraphQL type {@code Membership}); {@code id} is the id of the
 * event that started it. {@code partyType} and {@code role} for local coalitions only.
 */
public record MembershipView(String id, String coalitionId, String organisationId, LocalDate joinedOn, LocalDate leftOn,
                      PartyType partyType, ContributionRole role) {
}

package nl.eentegeneenzaamheid.registry.coalition;

/** A party contributes actively or is only kept informed. */
public enum ContributionRole { ACTIVE, INFORMED }

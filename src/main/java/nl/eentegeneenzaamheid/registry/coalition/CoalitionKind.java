package nl.eentegeneenzaamheid.registry.coalition;

public enum CoalitionKind { NATIONAL, LOCAL }

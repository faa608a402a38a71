package nl.eentegeneenzaamheid.registry.coalition;

/** Exploring/concretising, initiating/starting, established (kept alive and consolidated). */
public enum LocalCoalitionPhase { EXPLORING, INITIATING, ESTABLISHED }

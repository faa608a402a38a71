package nl.eentegeneenzaamheid.registry.growth;

/** SECTOR for organisation-based metrics, PROVINCE for municipality-based ones. */
public enum Breakdown { NONE, SECTOR, PROVINCE }

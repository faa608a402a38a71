package nl.eentegeneenzaamheid.registry.organisation;

public enum OrganisationKind { NATIONAL, LOCAL, MUNICIPALITY }

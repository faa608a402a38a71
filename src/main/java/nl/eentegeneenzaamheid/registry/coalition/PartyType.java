package nl.eentegeneenzaamheid.registry.coalition;

/** The kind of party in a local coalition. */
public enum PartyType {
    MUNICIPALITY, CARE_AND_WELFARE, LIBRARY, RESIDENTS, ENTREPRENEURS, EDUCATION, FINANCIAL, HOUSING, SPORT, CULTURE,
    RELIGIOUS, HEALTHCARE, NATIONAL_PARTNER_BRANCH, OTHER
}

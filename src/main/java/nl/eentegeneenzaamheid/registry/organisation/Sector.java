package nl.eentegeneenzaamheid.registry.organisation;

/** Sectors of the National Coalition; a missing sector counts as OTHER in breakdowns. */
public enum Sector {
    COMPANIES, CARE_AND_WELFARE, UMBRELLA_BODIES, CULTURE, RELIGIOUS, KNOWLEDGE, SPORT, FUNDS, MEDIA, PUBLIC, HOUSING,
    EDUCATION, OTHER
}

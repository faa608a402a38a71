package nl.eentegeneenzaamheid.registry.growth;

/** The kinds of countable fact behind the growth metrics and the indicators. */
enum Fact {
    NATIONAL_MEMBERSHIPS, PROGRAMME_PARTICIPATIONS, LOCAL_COALITIONS, COLLABORATIONS, PILOTS,
    /** Pilots converted into a durable project, from the day of conversion. */
    PROJECTS,
    NATIONAL_TO_LOCAL_LINKS
}

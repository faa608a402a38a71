package nl.eentegeneenzaamheid.registry.growth;

/** What a growth series counts; each metric counts organisations (broken down by SECTOR) or municipalities (PROVINCE). */
public enum GrowthMetric {
    NATIONAL_COALITION_MEMBERS(Fact.NATIONAL_MEMBERSHIPS, Breakdown.SECTOR),
    MUNICIPALITIES_JOINED(Fact.PROGRAMME_PARTICIPATIONS, Breakdown.PROVINCE),
    LOCAL_COALITIONS(Fact.LOCAL_COALITIONS, Breakdown.PROVINCE),
    /** ACTIVE collaborations, by the proposer's sector. */
    COLLABORATIONS(Fact.COLLABORATIONS, Breakdown.SECTOR),
    /** Running pilots (RUNNING or EVALUATED), by the national partner's sector. */
    PILOTS(Fact.PILOTS, Breakdown.SECTOR),
    /** National partners present in municipalities (partner x municipality), by the municipality's province. */
    NATIONAL_TO_LOCAL_LINKS(Fact.NATIONAL_TO_LOCAL_LINKS, Breakdown.PROVINCE);

    private final Fact fact;
    private final Breakdown breakdown;

    GrowthMetric(Fact fact, Breakdown breakdown) {
        this.fact = fact;
        this.breakdown = breakdown;
    }

    Fact fact() {
        return fact;
    }

    /** The breakdown that applies besides NONE. */
    Breakdown breakdown() {
        return breakdown;
    }
}

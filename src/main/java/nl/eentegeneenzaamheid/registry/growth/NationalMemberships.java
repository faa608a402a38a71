package nl.eentegeneenzaamheid.registry.growth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionDirectory;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionId;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import org.springframework.stereotype.Component;

/** Membership periods of the National Coalition, by the members' sector (a missing sector counts as OTHER). */
@Component
class NationalMemberships implements MetricSource {

    private final CoalitionDirectory coalitions;
    private final OrganisationDirectory organisations;

    NationalMemberships(CoalitionDirectory coalitions, OrganisationDirectory organisations) {
        this.coalitions = coalitions;
        this.organisations = organisations;
    }

    @Override
    public Fact fact() {
        return Fact.NATIONAL_MEMBERSHIPS;
    }

    @Override
    public List<Period> periods(Instant knownAt) {
        return coalitions.membershipPeriods(CoalitionId.NATIONAL, knownAt);
    }

    @Override
    public Map<String, String> buckets(Collection<String> subjects) {
        return Sectors.of(organisations, subjects);
    }
}

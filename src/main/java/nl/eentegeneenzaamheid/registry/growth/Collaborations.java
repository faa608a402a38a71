package nl.eentegeneenzaamheid.registry.growth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.collaboration.CollaborationDirectory;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import org.springframework.stereotype.Component;

/**
 * ACTIVE collaborations, whoever their parties are, from the day they became active until they ended; broken down by
 * the sector of the party that proposed them (the one that took the initiative).
 */
@Component
class Collaborations implements MetricSource {

    private final CollaborationDirectory collaborations;
    private final OrganisationDirectory organisations;

    Collaborations(CollaborationDirectory collaborations, OrganisationDirectory organisations) {
        this.collaborations = collaborations;
        this.organisations = organisations;
    }

    @Override
    public Fact fact() {
        return Fact.COLLABORATIONS;
    }

    @Override
    public List<Period> periods(Instant knownAt) {
        return collaborations.activePeriods(knownAt);
    }

    @Override
    public Map<String, String> buckets(Collection<String> subjects) {
        return Sectors.of(organisations, subjects);
    }
}

package nl.eentegeneenzaamheid.registry.growth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.pilot.PilotDirectory;
import org.springframework.stereotype.Component;

/** Pilots converted into durable projects, from the day of conversion, by their national partner's sector. */
@Component
class Projects implements MetricSource {

    private final PilotDirectory pilots;
    private final OrganisationDirectory organisations;

    Projects(PilotDirectory pilots, OrganisationDirectory organisations) {
        this.pilots = pilots;
        this.organisations = organisations;
    }

    @Override
    public Fact fact() {
        return Fact.PROJECTS;
    }

    @Override
    public List<Period> periods(Instant knownAt) {
        return pilots.projectPeriods(knownAt);
    }

    @Override
    public Map<String, String> buckets(Collection<String> subjects) {
        return Sectors.of(organisations, subjects);
    }
}

package nl.eentegeneenzaamheid.registry.growth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.coalition.CoalitionDirectory;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import org.springframework.stereotype.Component;

/** Where local coalitions existed (subject: the municipality), by province. */
@Component
class LocalCoalitions implements MetricSource {

    private final CoalitionDirectory coalitions;
    private final MunicipalityDirectory municipalities;

    LocalCoalitions(CoalitionDirectory coalitions, MunicipalityDirectory municipalities) {
        this.coalitions = coalitions;
        this.municipalities = municipalities;
    }

    @Override
    public Fact fact() {
        return Fact.LOCAL_COALITIONS;
    }

    @Override
    public List<Period> periods(Instant knownAt) {
        return coalitions.localCoalitionPeriods(knownAt);
    }

    @Override
    public Map<String, String> buckets(Collection<String> subjects) {
        return Provinces.of(municipalities, subjects);
    }
}

package nl.eentegeneenzaamheid.registry.growth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import org.springframework.stereotype.Component;

/** Municipalities' participation in the programme, by province; a merger ends the dissolved ones' periods. */
@Component
class ProgrammeParticipations implements MetricSource {

    private final MunicipalityDirectory municipalities;

    ProgrammeParticipations(MunicipalityDirectory municipalities) {
        this.municipalities = municipalities;
    }

    @Override
    public Fact fact() {
        return Fact.PROGRAMME_PARTICIPATIONS;
    }

    @Override
    public List<Period> periods(Instant knownAt) {
        return municipalities.participationPeriods(knownAt);
    }

    @Override
    public Map<String, String> buckets(Collection<String> subjects) {
        return Provinces.of(municipalities, subjects);
    }
}

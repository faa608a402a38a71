package nl.eentegeneenzaamheid.registry.growth;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.common.Periods.Period;
import nl.eentegeneenzaamheid.registry.link.Links;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;
import org.springframework.stereotype.Component;

/**
 * National partners present in municipalities: one period per partner and municipality for each stretch of days on
 * which it had at least one link there, by whatever mechanism. The subject is the municipality, so the breakdown is
 * by province; the id names the partner.
 */
@Component
class NationalToLocalLinks implements MetricSource {

    private final Links links;
    private final MunicipalityDirectory municipalities;

    NationalToLocalLinks(Links links, MunicipalityDirectory municipalities) {
        this.links = links;
        this.municipalities = municipalities;
    }

    @Override
    public Fact fact() {
        return Fact.NATIONAL_TO_LOCAL_LINKS;
    }

    @Override
    public List<Period> periods(Instant knownAt) {
        return links.presence(knownAt).stream()
                    .map(p -> new Period(p.nationalPartnerId() + "/" + p.municipalityCode() + "/" + p.since(),
                                         p.nationalPartnerId(), p.municipalityCode(), p.since(), p.until(), null))
                    .toList();
    }

    @Override
    public Map<String, String> buckets(Collection<String> subjects) {
        return Provinces.of(municipalities, subjects);
    }
}

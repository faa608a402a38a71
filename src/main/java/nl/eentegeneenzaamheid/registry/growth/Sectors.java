package nl.eentegeneenzaamheid.registry.growth;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationDirectory;
import nl.eentegeneenzaamheid.registry.organisation.Sector;

/** Organisation ids to sector names (a missing sector is OTHER): the bucket of every organisation-based metric. */
final class Sectors {

    private Sectors() {
    }

    static Map<String, String> of(OrganisationDirectory organisations, Collection<String> ids) {
        Map<String, String> sectors = new HashMap<>();
        organisations.findAll(ids).forEach((id, organisation) -> sectors.put(
                id, (organisation.sector() == null ? Sector.OTHER : organisation.sector()).name()));
        return sectors;
    }
}

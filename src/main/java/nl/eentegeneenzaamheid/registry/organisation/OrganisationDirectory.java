package nl.eentegeneenzaamheid.registry.organisation;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What other features may ask about organisations: the read model, by id. */
public interface OrganisationDirectory {

    Optional<OrganisationView> find(String id);

    /** One query whatever the number of ids; unknown ids are absent from the map. */
    Map<String, OrganisationView> findAll(Collection<String> ids);

    /** Every organisation, in no particular order (exports). */
    List<OrganisationView> all();
}

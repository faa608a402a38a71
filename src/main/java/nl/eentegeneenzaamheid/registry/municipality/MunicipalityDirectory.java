package nl.eentegeneenzaamheid.registry.municipality;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** What other features may ask about municipalities: the read model, by code. */
public interface MunicipalityDirectory {

    Optional<MunicipalityView> find(String code);

    /** One query whatever the number of codes; unknown codes are absent from the map. */
    Map<String, MunicipalityView> findAll(Collection<String> codes);
}

package nl.eentegeneenzaamheid.registry.growth;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityDirectory;

/** Municipality codes to province names: the bucket of every municipality-based metric. */
final class Provinces {

    private Provinces() {
    }

    static Map<String, String> of(MunicipalityDirectory municipalities, Collection<String> codes) {
        Map<String, String> provinces = new HashMap<>();
        municipalities.findAll(codes).forEach((code, municipality) -> provinces.put(code, municipality.province().name()));
        return provinces;
    }
}

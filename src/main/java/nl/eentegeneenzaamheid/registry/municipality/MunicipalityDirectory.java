package nl.eentegeneenzaamheid.registry.municipality;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.eentegeneenzaamheid.registry.common.Periods;

/** What other features may ask about municipalities: the read model, by code. */
public interface MunicipalityDirectory {

    Optional<MunicipalityView> find(String code);

    /** One query whatever the number of codes; unknown codes are absent from the map. */
    Map<String, MunicipalityView> findAll(Collection<String> codes);

    /** Every municipality ever recorded, dissolved ones included (filter with {@link MunicipalityView#existsOn}). */
    List<MunicipalityView> all();

    /**
     * Every programme participation period as the registry knew it at {@code knownAt} ({@code null}: now); the
     * period's subject is the municipality's code. A merger shows as the dissolved one's period ending on the
     * effective date and, where the receiver newly takes part, a receiver's period starting on it.
     */
    List<Periods.Period> participationPeriods(Instant knownAt);
}

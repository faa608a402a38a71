package nl.eentegeneenzaamheid.registry.municipality;

import java.time.LocalDate;
import java.util.List;

/**
 * A municipality as the read model knows it (the GraphQL type {@code Municipality}).
 *
 * @param shortName         the name people use (Den Haag for 's-Gravenhage), often the official name
 * @param existsFrom        first day it exists, {@code null} when it existed before the registry's records start
 * @param dissolvedOn       first day it no longer exists (merged or split), or {@code null}
 * @param mergedInto        the receiving municipality (for a split: the one with the largest share)
 * @param predecessors      codes of the municipalities that merged into this one
 */
public record MunicipalityView(@org.springframework.data.annotation.Id String code, String name, String shortName,
                               Province province, LocalDate existsFrom,
                               LocalDate dissolvedOn, String mergedInto, List<String> predecessors,
                               LocalDate joinedProgrammeOn, LocalDate leftProgrammeOn) {

    public MunicipalityView {
        // A view written before MunicipalityRecorded had a short name (revision 1) has none stored.
        if (shortName == null) {
            shortName = name;
        }
    }

    public boolean existsOn(LocalDate date) {
        return (existsFrom == null || !date.isBefore(existsFrom)) && (dissolvedOn == null || date.isBefore(dissolvedOn));
    }
}

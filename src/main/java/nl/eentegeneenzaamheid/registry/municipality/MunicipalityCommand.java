package nl.eentegeneenzaamheid.registry.municipality;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What can be asked of the municipality register. Every command goes to the one register (Axon looks for
 * {@code @TargetAggregateIdentifier} on the record's own methods, not on the interface's, hence one per record).
 */
public sealed interface MunicipalityCommand {

    /**
     * {@code existsFrom} {@code null}: the municipality existed before the registry's records start;
     * {@code shortName} {@code null}: people call it by its official name.
     */
    record RecordMunicipality(String code, String name, String shortName, Province province, LocalDate existsFrom)
            implements MunicipalityCommand {
        @TargetAggregateIdentifier
        String registerId() {
            return MunicipalityRegister.ID;
        }
    }

    /** Several at once, all or none: the reference data records the 380 municipalities of 2018 in one commit. */
    record RecordMunicipalities(List<RecordMunicipality> municipalities) implements MunicipalityCommand {
        @TargetAggregateIdentifier
        String registerId() {
            return MunicipalityRegister.ID;
        }
    }

    record JoinProgramme(String code, LocalDate joinedOn) implements MunicipalityCommand {
        @TargetAggregateIdentifier
        String registerId() {
            return MunicipalityRegister.ID;
        }
    }

    /** {@code leftOn} is the first day the municipality no longer takes part. */
    record LeaveProgramme(String code, LocalDate leftOn, String reason) implements MunicipalityCommand {
        @TargetAggregateIdentifier
        String registerId() {
            return MunicipalityRegister.ID;
        }
    }

    /**
     * {@code intoCode} may be new: it is then recorded with {@code intoName}, {@code intoShortName} ({@code null}:
     * the same as the name) and {@code province}.
     */
    record MergeMunicipalities(String intoCode, String intoName, String intoShortName, Province province,
                               List<String> mergedCodes, LocalDate effectiveOn) implements MunicipalityCommand {
        @TargetAggregateIdentifier
        String registerId() {
            return MunicipalityRegister.ID;
        }
    }

    record SplitMunicipality(String code, List<Receiver> receivers, LocalDate effectiveOn)
            implements MunicipalityCommand {
        @TargetAggregateIdentifier
        String registerId() {
            return MunicipalityRegister.ID;
        }
    }

    /** A receiving municipality of a split and its share of the old one's addresses. */
    record Receiver(String code, BigDecimal addressShare) {
    }
}

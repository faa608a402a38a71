package nl.eentegeneenzaamheid.registry.municipality;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * What happened to the municipalities. All of them are events of one aggregate, the municipality register, so that
 * a reorganisation (which touches several municipalities at once) is one atomic commit.
 */
public sealed interface MunicipalityEvent {

    /**
     * A municipality exists from {@code existsFrom} on ({@code null}: from before the registry's records start).
     * {@code name} is its official name ('s-Gravenhage), {@code shortName} the one people use (Den Haag), often
     * the same. Revision 1 had no {@code shortName}; {@link MunicipalityRecordedUpcaster} reads it as the name.
     */
    @Revision("2")
    record MunicipalityRecorded(String code, String name, String shortName, Province province, LocalDate existsFrom)
            implements MunicipalityEvent {
    }

    @Revision("1")
    record ProgrammeJoined(String code, LocalDate joinedOn) implements MunicipalityEvent {
    }

    /** {@code leftOn} is the first day it no longer takes part; a merger ends a dissolved municipality's part too. */
    @Revision("1")
    record ProgrammeLeft(String code, LocalDate leftOn, String reason) implements MunicipalityEvent {
    }

    /** The {@code mergedCodes} stop existing on {@code effectiveOn}; everything they were goes to {@code intoCode}. */
    @Revision("1")
    record MunicipalitiesMerged(String intoCode, List<String> mergedCodes, LocalDate effectiveOn)
            implements MunicipalityEvent {
    }

    /**
     * {@code code} stops existing on {@code effectiveOn}, divided over {@code receivers}; participation and its
     * local coalition go to {@code mainReceiver}, the one with the largest share.
     */
    @Revision("1")
    record MunicipalitySplit(String code, List<Share> receivers, String mainReceiver, LocalDate effectiveOn)
            implements MunicipalityEvent {
    }

    /** A receiver of a split and its share of the old municipality's addresses. */
    record Share(String code, BigDecimal addressShare) {
    }
}

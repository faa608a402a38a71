package nl.eentegeneenzaamheid.registry.municipality;

import static nl.eentegeneenzaamheid.registry.municipality.Province.NOORD_BRABANT;
import static nl.eentegeneenzaamheid.registry.municipality.Province.UTRECHT;
import static nl.eentegeneenzaamheid.registry.municipality.Province.ZUID_HOLLAND;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import nl.eentegeneenzaamheid.registry.common.ErrorCode;
import nl.eentegeneenzaamheid.registry.common.RegistryException;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.JoinProgramme;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.LeaveProgramme;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.MergeMunicipalities;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.Receiver;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.RecordMunicipalities;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.RecordMunicipality;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityCommand.SplitMunicipality;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalitiesMerged;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalityRecorded;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.MunicipalitySplit;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.ProgrammeJoined;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.ProgrammeLeft;
import nl.eentegeneenzaamheid.registry.municipality.MunicipalityEvent.Share;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MunicipalityRegisterTest {

    static final LocalDate Y2019 = LocalDate.of(2019, 1, 1);
    static final LocalDate Y2020 = LocalDate.of(2020, 1, 1);
    static final LocalDate Y2021 = LocalDate.of(2021, 1, 1);
    static final LocalDate Y2022 = LocalDate.of(2022, 1, 1);

    static final MunicipalityRecorded AADORP = new MunicipalityRecorded("GM0001", "Aadorp", "Aadorp", UTRECHT, null);
    static final MunicipalityRecorded BEEDORP = new MunicipalityRecorded("GM0002", "Beedorp", "Beedorp", UTRECHT, null);
    static final MunicipalityRecorded CEEDORP = new MunicipalityRecorded("GM0003", "Ceedorp", "Ceedorp", UTRECHT, Y2020);

    private FixtureConfiguration<MunicipalityRegister> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MunicipalityRegister.class);
    }

    static Matcher<Throwable> refused(ErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable e) {
                return e instanceof RegistryException r && r.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RegistryException with code " + code);
            }
        };
    }

    // Recording

    @Test
    void recordsTheFirstMunicipalityIntoANewRegister() {
        fixture.givenNoPriorActivity()
               .when(new RecordMunicipality("GM0001", " Aadorp ", null, UTRECHT, null))
               .expectEvents(AADORP);
    }

    @Test
    void keepsTheNamePeopleUseBesideTheOfficialOne() {
        fixture.givenNoPriorActivity()
               .when(new RecordMunicipality("GM0518", "'s-Gravenhage", " Den Haag ", ZUID_HOLLAND, null))
               .expectEvents(new MunicipalityRecorded("GM0518", "'s-Gravenhage", "Den Haag", ZUID_HOLLAND, null));
        fixture.givenNoPriorActivity().when(new RecordMunicipality("GM0518", "'s-Gravenhage", " ", ZUID_HOLLAND, null))
               .expectException(refused(ErrorCode.VALIDATION));
    }

    @Test
    void recordsSeveralInOneCommand() {
        fixture.given(AADORP)
               .when(new RecordMunicipalities(List.of(new RecordMunicipality("GM0002", "Beedorp", null, UTRECHT, null),
                                                      new RecordMunicipality("GM0003", "Ceedorp", null, UTRECHT, Y2020))))
               .expectEvents(BEEDORP, CEEDORP);
    }

    @Test
    void refusesMalformedOrDuplicateRecords() {
        fixture.given(AADORP).when(new RecordMunicipality("GM1", "X", null, UTRECHT, null))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP).when(new RecordMunicipality("GM0009", " ", null, UTRECHT, null))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP).when(new RecordMunicipality("GM0009", "Nergens", null, null, null))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP).when(new RecordMunicipality("GM0001", "Aadorp", null, UTRECHT, null))
               .expectException(refused(ErrorCode.CONFLICT));
        fixture.given(AADORP)
               .when(new RecordMunicipalities(List.of(new RecordMunicipality("GM0002", "Beedorp", null, UTRECHT, null),
                                                      new RecordMunicipality("GM0002", "Beedorp", null, UTRECHT, null))))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP)
               .when(new RecordMunicipalities(List.of(new RecordMunicipality("GM0002", "Beedorp", null, UTRECHT, null),
                                                      new RecordMunicipality("GM0001", "Aadorp", null, UTRECHT, null))))
               .expectException(refused(ErrorCode.CONFLICT));
    }

    // Joining and leaving

    @Test
    void joinsAndLeaves() {
        fixture.given(AADORP).when(new JoinProgramme("GM0001", Y2019))
               .expectEvents(new ProgrammeJoined("GM0001", Y2019));
        fixture.given(AADORP, new ProgrammeJoined("GM0001", Y2019)).when(new LeaveProgramme("GM0001", Y2021, "budget"))
               .expectEvents(new ProgrammeLeft("GM0001", Y2021, "budget"));
    }

    @Test
    void rejoinsOnOrAfterTheDayItLeft() {
        fixture.given(AADORP, new ProgrammeJoined("GM0001", Y2019), new ProgrammeLeft("GM0001", Y2021, null))
               .when(new JoinProgramme("GM0001", Y2021))
               .expectEvents(new ProgrammeJoined("GM0001", Y2021));
        fixture.given(AADORP, new ProgrammeJoined("GM0001", Y2019), new ProgrammeLeft("GM0001", Y2021, null))
               .when(new JoinProgramme("GM0001", Y2020))
               .expectException(refused(ErrorCode.CONFLICT));
    }

    @Test
    void joiningRules() {
        fixture.given(AADORP).when(new JoinProgramme("GM0404", Y2019)).expectException(refused(ErrorCode.NOT_FOUND));
        fixture.givenNoPriorActivity().when(new JoinProgramme("GM0404", Y2019))
               .expectException(refused(ErrorCode.NOT_FOUND));
        fixture.given(AADORP).when(new JoinProgramme("Aadorp", Y2019)).expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP).when(new JoinProgramme("GM0001", null)).expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP, new ProgrammeJoined("GM0001", Y2019)).when(new JoinProgramme("GM0001", Y2021))
               .expectException(refused(ErrorCode.CONFLICT));
        // Before it was formed, or after it was merged away, it does not exist.
        fixture.given(CEEDORP).when(new JoinProgramme("GM0003", Y2019)).expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP, BEEDORP, new MunicipalitiesMerged("GM0002", List.of("GM0001"), Y2020))
               .when(new JoinProgramme("GM0001", Y2021)).expectException(refused(ErrorCode.VALIDATION));
    }

    @Test
    void leavingRules() {
        fixture.given(AADORP).when(new LeaveProgramme("GM0001", Y2021, null))
               .expectException(refused(ErrorCode.CONFLICT));
        fixture.given(AADORP, new ProgrammeJoined("GM0001", Y2019), new ProgrammeLeft("GM0001", Y2020, null))
               .when(new LeaveProgramme("GM0001", Y2021, null)).expectException(refused(ErrorCode.CONFLICT));
        fixture.given(AADORP, new ProgrammeJoined("GM0001", Y2019)).when(new LeaveProgramme("GM0001", Y2019, null))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP, new ProgrammeJoined("GM0001", Y2020)).when(new LeaveProgramme("GM0001", Y2019, null))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP).when(new LeaveProgramme("GM0404", Y2019, null))
               .expectException(refused(ErrorCode.NOT_FOUND));
        fixture.given(AADORP, new ProgrammeJoined("GM0001", Y2019)).when(new LeaveProgramme("GM0001", null, null))
               .expectException(refused(ErrorCode.VALIDATION));
    }

    // Mergers

    @Test
    void aMergerIntoANewMunicipalityCarriesParticipationOver() {
        fixture.given(AADORP, BEEDORP, new ProgrammeJoined("GM0001", Y2019))
               .when(new MergeMunicipalities("GM0010", "Samendorp", null, UTRECHT, List.of("GM0001", "GM0002"), Y2021))
               .expectEvents(new MunicipalityRecorded("GM0010", "Samendorp", "Samendorp", UTRECHT, Y2021),
                             new MunicipalitiesMerged("GM0010", List.of("GM0001", "GM0002"), Y2021),
                             new ProgrammeLeft("GM0001", Y2021, "merged into GM0010"),
                             new ProgrammeJoined("GM0010", Y2021));
    }

    @Test
    void aReceiverThatTakesPartKeepsItsOwnDate() {
        fixture.given(AADORP, BEEDORP, new ProgrammeJoined("GM0001", Y2020), new ProgrammeJoined("GM0002", Y2019))
               .when(new MergeMunicipalities("GM0002", "Beedorp", null, UTRECHT, List.of("GM0001"), Y2021))
               .expectEvents(new MunicipalitiesMerged("GM0002", List.of("GM0001"), Y2021),
                             new ProgrammeLeft("GM0001", Y2021, "merged into GM0002"));
    }

    @Test
    void withoutParticipationAMergerOnlyMerges() {
        fixture.given(AADORP, BEEDORP, new ProgrammeJoined("GM0001", Y2019), new ProgrammeLeft("GM0001", Y2020, null))
               .when(new MergeMunicipalities("GM0002", "Beedorp", null, UTRECHT, List.of("GM0001"), Y2021))
               .expectEvents(new MunicipalitiesMerged("GM0002", List.of("GM0001"), Y2021));
    }

    @Test
    void mergerRules() {
        fixture.given(AADORP, BEEDORP).when(new MergeMunicipalities("GM0010", "Samen", null, UTRECHT, List.of(), Y2021))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP, BEEDORP)
               .when(new MergeMunicipalities("GM0010", "Samen", null, UTRECHT, List.of("GM0001", "GM0001"), Y2021))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP, BEEDORP)
               .when(new MergeMunicipalities("GM0002", "Beedorp", null, UTRECHT, List.of("GM0001", "GM0002"), Y2021))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP, BEEDORP)
               .when(new MergeMunicipalities("GM0010", "Samen", null, UTRECHT, List.of("GM0001", "GM0404"), Y2021))
               .expectException(refused(ErrorCode.NOT_FOUND));
        fixture.given(AADORP, BEEDORP)
               .when(new MergeMunicipalities("GM10", "Samen", null, UTRECHT, List.of("GM0001"), Y2021))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP, BEEDORP).when(new MergeMunicipalities("GM0010", "Samen", null, UTRECHT, List.of("GM0001"), null))
               .expectException(refused(ErrorCode.VALIDATION));
        // A dissolved municipality must exist on the date.
        fixture.given(AADORP, CEEDORP)
               .when(new MergeMunicipalities("GM0001", "Aadorp", null, UTRECHT, List.of("GM0003"), Y2019))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP, BEEDORP, CEEDORP, new MunicipalitiesMerged("GM0002", List.of("GM0001"), Y2020))
               .when(new MergeMunicipalities("GM0003", "Ceedorp", null, UTRECHT, List.of("GM0001"), Y2021))
               .expectException(refused(ErrorCode.VALIDATION));
        // So must an existing receiver, under the name and province it has.
        fixture.given(AADORP, CEEDORP)
               .when(new MergeMunicipalities("GM0003", "Ceedorp", null, UTRECHT, List.of("GM0001"), Y2019))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(AADORP, BEEDORP)
               .when(new MergeMunicipalities("GM0002", "Anders", null, UTRECHT, List.of("GM0001"), Y2021))
               .expectException(refused(ErrorCode.VALIDATION));
        // Participation recorded after the merger's date would have to be undone.
        fixture.given(AADORP, BEEDORP, new ProgrammeJoined("GM0001", Y2022))
               .when(new MergeMunicipalities("GM0002", "Beedorp", null, UTRECHT, List.of("GM0001"), Y2021))
               .expectException(refused(ErrorCode.CONFLICT));
    }

    // Splits

    static final MunicipalityRecorded HAAREN = new MunicipalityRecorded("GM0788", "Haaren", "Haaren", NOORD_BRABANT, null);
    static final MunicipalityRecorded BOXTEL = new MunicipalityRecorded("GM0757", "Boxtel", "Boxtel", NOORD_BRABANT, null);
    static final MunicipalityRecorded OISTERWIJK = new MunicipalityRecorded("GM0824", "Oisterwijk", "Oisterwijk", NOORD_BRABANT, null);

    static SplitMunicipality splitHaaren(String boxtelShare, String oisterwijkShare) {
        return new SplitMunicipality("GM0788", List.of(new Receiver("GM0757", new BigDecimal(boxtelShare)),
                                                       new Receiver("GM0824", new BigDecimal(oisterwijkShare))), Y2021);
    }

    @Test
    void aSplitGivesParticipationToTheLargestReceiver() {
        fixture.given(HAAREN, BOXTEL, OISTERWIJK, new ProgrammeJoined("GM0788", Y2019))
               .when(splitHaaren("0.4", "0.6"))
               .expectEvents(new MunicipalitySplit("GM0788", List.of(new Share("GM0757", new BigDecimal("0.4")),
                                                                     new Share("GM0824", new BigDecimal("0.6"))),
                                                  "GM0824", Y2021),
                             new ProgrammeLeft("GM0788", Y2021, "merged into GM0824"),
                             new ProgrammeJoined("GM0824", Y2021));
    }

    @Test
    void splitRules() {
        fixture.given(HAAREN, BOXTEL, OISTERWIJK).when(splitHaaren("0.5", "0.5"))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(HAAREN, BOXTEL, OISTERWIJK).when(splitHaaren("0.5", "0.7"))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(HAAREN, BOXTEL, OISTERWIJK).when(splitHaaren("0", "1"))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(HAAREN, BOXTEL)
               .when(new SplitMunicipality("GM0788", List.of(new Receiver("GM0757", BigDecimal.ONE)), Y2021))
               .expectException(refused(ErrorCode.VALIDATION));
        fixture.given(HAAREN, BOXTEL).when(splitHaaren("0.4", "0.6"))
               .expectException(refused(ErrorCode.NOT_FOUND));
        fixture.given(HAAREN, BOXTEL, OISTERWIJK, new MunicipalitySplit("GM0788", List.of(), "GM0824", Y2020))
               .when(splitHaaren("0.4", "0.6"))
               .expectException(refused(ErrorCode.VALIDATION));
    }
}

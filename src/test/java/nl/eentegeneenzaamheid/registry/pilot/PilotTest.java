package nl.eentegeneenzaamheid.registry.pilot;

import static nl.eentegeneenzaamheid.registry.Fakes.code;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import nl.eentegeneenzaamheid.registry.Fakes;
import nl.eentegeneenzaamheid.registry.common.ErrorCode;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationId;
import nl.eentegeneenzaamheid.registry.organisation.OrganisationKind;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.ConvertPilotToProject;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.EvaluatePilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.ExtendPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.StartPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotCommand.StopPilot;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotConvertedToProject;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotEvaluated;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotExtended;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotStarted;
import nl.eentegeneenzaamheid.registry.pilot.PilotEvent.PilotStopped;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

class PilotTest {

    private static final PilotId ID = new PilotId("pilot-1");
    private static final OrganisationId POSTNL = new OrganisationId("org-postnl");
    private static final OrganisationId SOCIAAL_WERK = new OrganisationId("org-sociaal-werk");
    private static final OrganisationId BRANCH = new OrganisationId("org-branch");
    private static final LocalDate STARTED = LocalDate.of(2020, 3, 1);
    private static final PilotStarted STARTED_EVENT = new PilotStarted(
            ID, "Post carriers pass on worries", POSTNL, List.of(SOCIAAL_WERK), List.of("GM0001"), STARTED, null);
    private static final PilotConvertedToProject CONVERTED =
            new PilotConvertedToProject(ID, POSTNL, LocalDate.of(2021, 1, 1));
    private static final PilotStopped STOPPED = new PilotStopped(ID, POSTNL, LocalDate.of(2021, 1, 1), "no funds");

    private FixtureConfiguration<Pilot> fixture() {
        FixtureConfiguration<Pilot> fixture = new AggregateTestFixture<>(Pilot.class);
        fixture.registerInjectableResource(Fakes.organisations(Map.of(
                POSTNL.value(), OrganisationKind.NATIONAL, SOCIAAL_WERK.value(), OrganisationKind.NATIONAL,
                BRANCH.value(), OrganisationKind.LOCAL)));
        fixture.registerInjectableResource(Fakes.municipalities(
                Fakes.municipality("GM0001", null), Fakes.municipality("GM0002", null),
                Fakes.municipality("GM0003", LocalDate.of(2022, 1, 1))));
        return fixture;
    }

    @Test
    void aNationalPartnerStartsAPilot() {
        fixture().givenNoPriorActivity()
                 .when(new StartPilot(ID, "Post carriers pass on worries", POSTNL, List.of(SOCIAAL_WERK, POSTNL),
                                      List.of("GM0001", "GM0001"), STARTED, " "))
                 .expectEvents(STARTED_EVENT);
    }

    @Test
    void onlyANationalOrganisationIsTheNationalPartner() {
        fixture().givenNoPriorActivity()
                 .when(new StartPilot(ID, "T", BRANCH, null, List.of("GM0001"), STARTED, null))
                 .expectException(code(ErrorCode.VALIDATION));
    }

    @Test
    void aPilotRunsSomewhereThatExists() {
        fixture().givenNoPriorActivity().when(new StartPilot(ID, "T", POSTNL, null, List.of(), STARTED, null))
                 .expectException(code(ErrorCode.VALIDATION));
        fixture().givenNoPriorActivity().when(new StartPilot(ID, "T", POSTNL, null, List.of("GM0000"), STARTED, null))
                 .expectException(code(ErrorCode.NOT_FOUND));
        fixture().givenNoPriorActivity().when(new StartPilot(ID, "T", POSTNL, null, List.of("GM0003"), STARTED, null))
                 .expectException(code(ErrorCode.VALIDATION));
        fixture().givenNoPriorActivity()
                 .when(new StartPilot(ID, "T", new OrganisationId("org-x"), null, List.of("GM0001"), STARTED, null))
                 .expectException(code(ErrorCode.NOT_FOUND));
    }

    @Test
    void itIsExtendedToMoreMunicipalitiesFromItsStartOn() {
        fixture().given(STARTED_EVENT).when(new ExtendPilot(ID, List.of("GM0002"), LocalDate.of(2020, 9, 1)))
                 .expectEvents(new PilotExtended(ID, POSTNL, List.of("GM0002"), LocalDate.of(2020, 9, 1)));
        fixture().given(STARTED_EVENT).when(new ExtendPilot(ID, List.of("GM0002"), LocalDate.of(2020, 2, 1)))
                 .expectException(code(ErrorCode.VALIDATION));
        fixture().given(STARTED_EVENT).when(new ExtendPilot(ID, List.of("GM0001"), LocalDate.of(2020, 9, 1)))
                 .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void aProjectCanStillBeExtendedButAStoppedPilotCannot() {
        fixture().given(STARTED_EVENT, CONVERTED).when(new ExtendPilot(ID, List.of("GM0002"), LocalDate.of(2022, 1, 1)))
                 .expectEvents(new PilotExtended(ID, POSTNL, List.of("GM0002"), LocalDate.of(2022, 1, 1)));
        fixture().given(STARTED_EVENT, STOPPED).when(new ExtendPilot(ID, List.of("GM0002"), LocalDate.of(2022, 1, 1)))
                 .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void aRunningPilotIsEvaluatedWithAnOutcome() {
        fixture().given(STARTED_EVENT).when(new EvaluatePilot(ID, LocalDate.of(2020, 12, 1), " 600 signals "))
                 .expectEvents(new PilotEvaluated(ID, POSTNL, LocalDate.of(2020, 12, 1), "600 signals"));
        fixture().given(STARTED_EVENT).when(new EvaluatePilot(ID, LocalDate.of(2020, 12, 1), ""))
                 .expectException(code(ErrorCode.VALIDATION));
        fixture().given(STARTED_EVENT, CONVERTED).when(new EvaluatePilot(ID, LocalDate.of(2021, 12, 1), "fine"))
                 .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void aRunningOrEvaluatedPilotBecomesAProject() {
        PilotEvaluated evaluated = new PilotEvaluated(ID, POSTNL, LocalDate.of(2020, 12, 1), "works");
        fixture().given(STARTED_EVENT, evaluated).when(new ConvertPilotToProject(ID, LocalDate.of(2021, 1, 1)))
                 .expectEvents(CONVERTED);
        fixture().given(STARTED_EVENT).when(new ConvertPilotToProject(ID, STARTED))
                 .expectException(code(ErrorCode.VALIDATION));
        fixture().given(STARTED_EVENT, CONVERTED).when(new ConvertPilotToProject(ID, LocalDate.of(2022, 1, 1)))
                 .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void aStoppedPilotCannotBeConverted() {
        fixture().given(STARTED_EVENT, STOPPED).when(new ConvertPilotToProject(ID, LocalDate.of(2022, 1, 1)))
                 .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void aPilotStopsWithAReasonAfterItsLastExtension() {
        fixture().given(STARTED_EVENT).when(new StopPilot(ID, LocalDate.of(2021, 1, 1), " no funds "))
                 .expectEvents(STOPPED);
        fixture().given(STARTED_EVENT).when(new StopPilot(ID, LocalDate.of(2021, 1, 1), null))
                 .expectException(code(ErrorCode.VALIDATION));
        fixture().given(STARTED_EVENT, new PilotExtended(ID, POSTNL, List.of("GM0002"), LocalDate.of(2021, 6, 1)))
                 .when(new StopPilot(ID, LocalDate.of(2021, 6, 1), "no funds"))
                 .expectException(code(ErrorCode.VALIDATION));
        fixture().given(STARTED_EVENT, STOPPED).when(new StopPilot(ID, LocalDate.of(2022, 1, 1), "again"))
                 .expectException(code(ErrorCode.CONFLICT));
    }

    @Test
    void aProjectCanNoLongerBeStoppedAsAPilot() {
        fixture().given(STARTED_EVENT, CONVERTED).when(new StopPilot(ID, LocalDate.of(2022, 1, 1), "over"))
                 .expectException(code(ErrorCode.CONFLICT));
    }
}
